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
