{{/* The release's full name, at most 63 characters. */}}
{{- define "logwarden.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "logwarden.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select a workload's pods: name, instance, component. */}}
{{- define "logwarden.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "logwarden.labels" -}}
helm.sh/chart: {{ include "logwarden.chart" . }}
{{ include "logwarden.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: logwarden
{{- end -}}

{{- define "logwarden.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "logwarden.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "logwarden.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The policy and rules files: the values' text, else the chart's copies of the shipped defaults. */}}
{{- define "logwarden.policy" -}}
{{- if .Values.policy }}{{ .Values.policy }}{{ else }}{{ .Files.Get "files/policy.yaml" }}{{ end -}}
{{- end -}}
{{- define "logwarden.rules" -}}
{{- if .Values.rules }}{{ .Values.rules }}{{ else }}{{ .Files.Get "files/rules.yaml" }}{{ end -}}
{{- end -}}

{{/* The deployment config the run command reads. */}}
{{- define "logwarden.config" -}}
kafka:
  bootstrap.servers: {{ .Values.kafka.bootstrapServers | quote }}
{{- range $key, $value := .Values.kafka.properties }}
  {{ $key }}: {{ $value | toString | quote }}
{{- end }}
application_id: {{ .Values.applicationId | quote }}
state_dir: /var/lib/logwarden
policy: /etc/logwarden/config/policy.yaml
processing_guarantee: {{ .Values.kafka.processingGuarantee | quote }}
pseudonym_key_file: /etc/logwarden/key/{{ .Values.pseudonymKey.key }}
{{- if .Values.pseudonymKey.keyId }}
pseudonym_key_id: {{ .Values.pseudonymKey.keyId | quote }}
{{- end }}
http_port: {{ .Values.httpPort }}
rocksdb_memory_mb: {{ .Values.detect.rocksdbMemoryMb | int }}
{{- include "logwarden.schemaRegistryConfig" . }}
{{- end -}}

{{/*
The schema_registry section of logwarden.yaml: the registry's URL and settings, and the files of the
mounted Secret that hold its secrets. Refuses settings that need the Secret without one, basic auth
together with a bearer token, and TLS stores for an http URL.
*/}}
{{- define "logwarden.schemaRegistryConfig" -}}
{{- $registry := .Values.schemaRegistry -}}
{{- if $registry.url }}
{{- $dir := "/etc/logwarden/schema-registry" -}}
{{- $tls := $registry.tls -}}
{{- $usesSecret := or $registry.basicAuth.username $registry.bearer.tokenKey $tls.truststoreKey $tls.keystoreKey -}}
{{- if and $usesSecret (not $registry.existingSecret) }}
{{- fail "schemaRegistry.existingSecret is required with schemaRegistry.basicAuth.username, bearer.tokenKey or a TLS store: secrets are read from it, never from values" }}
{{- end }}
{{- if and $registry.basicAuth.username $registry.bearer.tokenKey }}
{{- fail "schemaRegistry: give basicAuth.username or bearer.tokenKey, not both" }}
{{- end }}
{{- if and (or $tls.truststoreKey $tls.keystoreKey) (not (hasPrefix "https://" $registry.url)) }}
{{- fail "schemaRegistry.tls stores are given but schemaRegistry.url is not https" }}
{{- end }}
schema_registry:
  url: {{ $registry.url | quote }}
  {{- if $registry.basicAuth.username }}
  basic_auth:
    username: {{ $registry.basicAuth.username | quote }}
    password_file: {{ printf "%s/%s" $dir $registry.basicAuth.passwordKey | quote }}
  {{- end }}
  {{- if $registry.bearer.tokenKey }}
  bearer:
    token_file: {{ printf "%s/%s" $dir $registry.bearer.tokenKey | quote }}
  {{- end }}
  {{- if or $tls.truststoreKey $tls.keystoreKey }}
  tls:
    {{- if $tls.truststoreKey }}
    truststore: {{ printf "%s/%s" $dir $tls.truststoreKey | quote }}
    truststore_type: {{ $tls.truststoreType | quote }}
    {{- if $tls.truststorePasswordKey }}
    truststore_password_file: {{ printf "%s/%s" $dir $tls.truststorePasswordKey | quote }}
    {{- end }}
    {{- end }}
    {{- if $tls.keystoreKey }}
    keystore: {{ printf "%s/%s" $dir $tls.keystoreKey | quote }}
    keystore_type: {{ $tls.keystoreType | quote }}
    {{- if $tls.keystorePasswordKey }}
    keystore_password_file: {{ printf "%s/%s" $dir $tls.keystorePasswordKey | quote }}
    {{- end }}
    {{- end }}
  {{- end }}
  timeout: {{ $registry.timeout | quote }}
  auto_register: {{ $registry.autoRegister }}
{{- end }}
{{- end -}}

{{/* The arguments that reach the cluster: --command-config when a client Secret is given. */}}
{{- define "logwarden.commandConfigArgs" -}}
{{- if .Values.kafka.clientSecret }}
- --command-config
- /etc/logwarden/kafka/client.properties
{{- end }}
{{- end -}}

{{/* Pod spec parts both workloads share. */}}
{{- define "logwarden.podCommon" -}}
serviceAccountName: {{ include "logwarden.serviceAccountName" . }}
{{ include "logwarden.podScheduling" . }}
{{- end -}}

{{/* Pod spec parts every pod shares, the provisioning job's too: security context, pulls, placement. */}}
{{- define "logwarden.podScheduling" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "logwarden.probes" -}}
livenessProbe:
  httpGet:
    path: /health/live
    port: http
  {{- toYaml .Values.probes.liveness | nindent 2 }}
readinessProbe:
  httpGet:
    path: /health/ready
    port: http
  {{- toYaml .Values.probes.readiness | nindent 2 }}
{{- end -}}

{{- define "logwarden.volumeMounts" -}}
- name: config
  mountPath: /etc/logwarden/config
  readOnly: true
- name: pseudonym-key
  mountPath: /etc/logwarden/key
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .Values.kafka.clientSecret }}
- name: kafka-client
  mountPath: /etc/logwarden/kafka
  readOnly: true
{{- end }}
{{- if and .Values.schemaRegistry.url .Values.schemaRegistry.existingSecret }}
- name: schema-registry
  mountPath: /etc/logwarden/schema-registry
  readOnly: true
{{- end }}
{{- end -}}

{{- define "logwarden.volumes" -}}
- name: config
  configMap:
    name: {{ include "logwarden.fullname" . }}
- name: pseudonym-key
  secret:
    secretName: {{ .Values.pseudonymKey.existingSecret }}
    items:
      - key: {{ .Values.pseudonymKey.key }}
        path: {{ .Values.pseudonymKey.key }}
- name: tmp
  emptyDir: {}
{{- if .Values.kafka.clientSecret }}
# The whole Secret: beside client.properties it may hold the truststore or keystore it names
# (ssl.truststore.location=/etc/logwarden/kafka/truststore.p12).
- name: kafka-client
  secret:
    secretName: {{ .Values.kafka.clientSecret }}
{{- end }}
{{- if and .Values.schemaRegistry.url .Values.schemaRegistry.existingSecret }}
# The whole Secret: the registry's password or token and its TLS stores, by the keys the values name.
- name: schema-registry
  secret:
    secretName: {{ .Values.schemaRegistry.existingSecret }}
{{- end }}
{{- end -}}

{{/*
The provisioning job's name. As a hook, Helm deletes and recreates the job at each run. As a plain
resource (provisioning.hook false) a Job's pod template cannot be changed, so the name carries a
hash of what the job runs: a changed job is a new one, and an unchanged one is left alone.
*/}}
{{- define "logwarden.provisioningJobName" -}}
{{- if .Values.provisioning.hook -}}
{{- printf "%s-provisioning" (include "logwarden.fullname" .) -}}
{{- else -}}
{{- $inputs := dict "image" (include "logwarden.image" .) "kafka" .Values.kafka "applicationId" .Values.applicationId
      "provisioning" .Values.provisioning "policy" (include "logwarden.policy" .) "rules" (include "logwarden.rules" .)
      "javaToolOptions" .Values.javaToolOptions -}}
{{- printf "%s-provisioning-%s" (include "logwarden.fullname" . | trunc 41 | trimSuffix "-") ($inputs | toJson | sha256sum | trunc 8) -}}
{{- end -}}
{{- end -}}

{{/*
The client properties the provisioning commands read: kafka.properties from the job's ConfigMap,
merged with the client Secret's client.properties when there is one (an init container writes
the merge; the Secret's settings win, as they do for the workloads' --command-config).
*/}}
{{- define "logwarden.provisioningClientProperties" -}}
{{- if .Values.kafka.clientSecret -}}
/etc/logwarden/client/client.properties
{{- else -}}
/etc/logwarden/provisioning/client.properties
{{- end -}}
{{- end -}}

{{- define "logwarden.provisioningMounts" -}}
- name: provisioning
  mountPath: /etc/logwarden/provisioning
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .Values.kafka.clientSecret }}
- name: kafka-client
  mountPath: /etc/logwarden/kafka
  readOnly: true
- name: client-properties
  mountPath: /etc/logwarden/client
{{- end }}
{{- end -}}

{{/* One logwarden command of the provisioning job: dict "root" $ "name" NAME "args" LIST. */}}
{{- define "logwarden.provisioningContainer" -}}
- name: {{ .name }}
  image: {{ include "logwarden.image" .root }}
  imagePullPolicy: {{ .root.Values.image.pullPolicy }}
  args:
    {{- toYaml .args | nindent 4 }}
  env:
    - name: JAVA_TOOL_OPTIONS
      value: {{ .root.Values.javaToolOptions | quote }}
  resources:
    {{- toYaml .root.Values.provisioning.resources | nindent 4 }}
  securityContext:
    {{- toYaml .root.Values.containerSecurityContext | nindent 4 }}
  volumeMounts:
    {{- include "logwarden.provisioningMounts" .root | nindent 4 }}
{{- end -}}
