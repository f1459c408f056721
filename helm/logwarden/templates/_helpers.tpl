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

{{/*
The deployment config the run command reads: dict "root" $ "workload" NAME (pipeline or notify; the
workload's Kafka identity, see logwarden.kafkaIdentity).
*/}}
{{- define "logwarden.config" -}}
{{- $workload := .workload -}}
{{- with .root -}}
{{- include "logwarden.kafkaSecurityChecks" . -}}
kafka:
  bootstrap.servers: {{ .Values.kafka.bootstrapServers | quote }}
{{- range $key, $value := .Values.kafka.properties }}
  {{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- range $key, $value := fromYaml (include "logwarden.kafkaSecurityProperties" (dict "root" . "workload" $workload)) }}
  {{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- if .Values.kafka.tls.allowInsecureHostname }}
# The brokers' hostnames are not verified (ssl.endpoint.identification.algorithm empty): allowed by
# kafka.tls.allowInsecureHostname.
allow_insecure_hostname: true
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
{{- end }}
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

{{/*
Kafka transport security from kafka.tls and kafka.sasl. The stores come from existing Secrets,
mounted read-only under /etc/logwarden/kafka-tls/; passwords reach the pods as environment
variables from Secret keys and the client properties name them (${env:NAME}), which logwarden
resolves through Kafka's env config provider: no password is ever in a ConfigMap. A workload's
identity (its keystore, its SASL user) is the pipeline's unless notify.kafkaIdentity or
provisioning.kafkaIdentity names its own. Each helper takes dict "root" $ "workload" NAME, NAME one
of pipeline (normalize and detect), notify, provisioning.
*/}}
{{- define "logwarden.kafkaIdentity" -}}
{{- $kafka := .root.Values.kafka -}}
{{- $own := dict -}}
{{- if eq .workload "notify" }}{{ $own = .root.Values.notify.kafkaIdentity }}{{ end -}}
{{- if eq .workload "provisioning" }}{{ $own = .root.Values.provisioning.kafkaIdentity }}{{ end -}}
{{- $keystoreSecret := $kafka.tls.keystore.secret -}}
{{- $keystorePasswordSecret := default $kafka.tls.keystore.secret $kafka.tls.keystore.passwordSecret -}}
{{- $saslUsername := $kafka.sasl.username -}}
{{- $saslSecret := $kafka.sasl.secret -}}
{{- with $own -}}
{{- if .keystoreSecret -}}
{{- if not $kafka.tls.keystore.secret -}}
{{- fail (printf "%s.kafkaIdentity.keystoreSecret needs kafka.tls.keystore.secret (the pipeline's keystore): the keystore's key, type and password key come from there" $.workload) -}}
{{- end -}}
{{- $keystoreSecret = .keystoreSecret -}}
{{- $keystorePasswordSecret = default .keystoreSecret .keystorePasswordSecret -}}
{{- else if .keystorePasswordSecret -}}
{{- fail (printf "%s.kafkaIdentity.keystorePasswordSecret is given without %s.kafkaIdentity.keystoreSecret" $.workload $.workload) -}}
{{- end -}}
{{- if or .saslUsername .saslSecret -}}
{{- if not $kafka.sasl.mechanism -}}
{{- fail (printf "%s.kafkaIdentity names a SASL user but kafka.sasl.mechanism is empty" $.workload) -}}
{{- end -}}
{{- if not .saslSecret -}}
{{- fail (printf "%s.kafkaIdentity.saslUsername needs %s.kafkaIdentity.saslSecret: another user's password is never the pipeline's" $.workload $.workload) -}}
{{- end -}}
{{- if and (not .saslUsername) (not $kafka.sasl.jaasConfigKey) -}}
{{- fail (printf "%s.kafkaIdentity.saslSecret needs %s.kafkaIdentity.saslUsername (or kafka.sasl.jaasConfigKey, a whole JAAS line in the Secret)" $.workload $.workload) -}}
{{- end -}}
{{- $saslUsername = .saslUsername -}}
{{- $saslSecret = .saslSecret -}}
{{- end -}}
{{- end -}}
{{- toYaml (dict "keystoreSecret" $keystoreSecret "keystorePasswordSecret" $keystorePasswordSecret
      "saslUsername" $saslUsername "saslSecret" $saslSecret) -}}
{{- end -}}

{{/* Refuses transport settings that cannot work or would leave a password in clear. */}}
{{- define "logwarden.kafkaSecurityChecks" -}}
{{- $kafka := .Values.kafka -}}
{{- $tls := $kafka.tls -}}
{{- $sasl := $kafka.sasl -}}
{{- if and (not $tls.enabled) (or $tls.truststore.secret $tls.keystore.secret) -}}
{{- fail "kafka.tls names a truststore or keystore but kafka.tls.enabled is false" -}}
{{- end -}}
{{- if and $sasl.mechanism (not $tls.enabled) -}}
{{- fail "kafka.sasl needs kafka.tls.enabled: the chart sends SASL credentials over TLS only (SASL_SSL)" -}}
{{- end -}}
{{- if and $sasl.mechanism (not $sasl.secret) -}}
{{- fail "kafka.sasl.secret is required with kafka.sasl.mechanism: the password is read from it, never from values" -}}
{{- end -}}
{{- if and $sasl.mechanism (not $sasl.jaasConfigKey) (not $sasl.username) -}}
{{- fail "kafka.sasl.username is required with kafka.sasl.mechanism (or kafka.sasl.jaasConfigKey, a whole JAAS line in the Secret)" -}}
{{- end -}}
{{- if and $sasl.mechanism (not $sasl.jaasConfigKey) (not $sasl.passwordKey) -}}
{{- fail "kafka.sasl.passwordKey is required with kafka.sasl.username" -}}
{{- end -}}
{{- if and (eq $tls.truststore.type "PEM") $tls.truststore.passwordKey -}}
{{- fail "kafka.tls.truststore.type PEM has no password: set kafka.tls.truststore.passwordKey to \"\"" -}}
{{- end -}}
{{- if and (eq $tls.keystore.type "PEM") $tls.keystore.keyPasswordKey -}}
{{- fail "kafka.tls.keystore.type PEM: the key's password is kafka.tls.keystore.passwordKey; leave keyPasswordKey empty" -}}
{{- end -}}
{{- if and $tls.truststore.passwordSecret (not $tls.truststore.secret) -}}
{{- fail "kafka.tls.truststore.passwordSecret is given without kafka.tls.truststore.secret" -}}
{{- end -}}
{{- if and $tls.keystore.passwordSecret (not $tls.keystore.secret) -}}
{{- fail "kafka.tls.keystore.passwordSecret is given without kafka.tls.keystore.secret" -}}
{{- end -}}
{{- /* Each workload's identity, checked even where its workload is off. */ -}}
{{- range $workload := list "notify" "provisioning" -}}
{{- $_ := include "logwarden.kafkaIdentity" (dict "root" $ "workload" $workload) -}}
{{- end -}}
{{- range $key, $value := $kafka.properties -}}
{{- if and (or (contains "password" $key) (eq $key "sasl.jaas.config")) (not (contains "${" (toString $value))) -}}
{{- fail (printf "kafka.properties.%s holds a secret in clear: name a Secret's key with kafka.tls or kafka.sasl, give a reference (${env:NAME}, ${file:PATH:KEY}), or use kafka.clientSecret" $key) -}}
{{- end -}}
{{- end -}}
{{- $written := keys (fromYaml (include "logwarden.kafkaSecurityProperties" (dict "root" . "workload" "pipeline"))) -}}
{{- range $key := $written -}}
{{- if hasKey $kafka.properties $key -}}
{{- fail (printf "kafka.properties.%s is written by kafka.tls or kafka.sasl: remove it from kafka.properties" $key) -}}
{{- end -}}
{{- end -}}
{{- if and (hasKey $kafka.properties "ssl.endpoint.identification.algorithm") (eq (toString (index $kafka.properties "ssl.endpoint.identification.algorithm")) "") (not $tls.allowInsecureHostname) -}}
{{- fail "kafka.properties turns off the brokers' hostname verification (ssl.endpoint.identification.algorithm empty): logwarden refuses to start so unless kafka.tls.allowInsecureHostname is true" -}}
{{- end -}}
{{- end -}}

{{/*
The client properties of the transport, as YAML (property: value), for logwarden.yaml's kafka:
section and the provisioning job's client.properties: file paths and ${env:NAME} references only.
*/}}
{{- define "logwarden.kafkaSecurityProperties" -}}
{{- $kafka := .root.Values.kafka -}}
{{- $tls := $kafka.tls -}}
{{- $sasl := $kafka.sasl -}}
{{- $identity := fromYaml (include "logwarden.kafkaIdentity" .) -}}
{{- $props := dict -}}
{{- if $tls.enabled -}}
{{- $_ := set $props "security.protocol" (ternary "SASL_SSL" "SSL" (not (empty $sasl.mechanism))) -}}
{{- with $tls.truststore -}}
{{- if .secret -}}
{{- $_ := set $props "ssl.truststore.location" (printf "/etc/logwarden/kafka-tls/truststore/%s" .key) -}}
{{- $_ := set $props "ssl.truststore.type" .type -}}
{{- if .passwordKey -}}
{{- $_ := set $props "ssl.truststore.password" "${env:LOGWARDEN_KAFKA_TRUSTSTORE_PASSWORD}" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- with $tls.keystore -}}
{{- if $identity.keystoreSecret -}}
{{- $_ := set $props "ssl.keystore.location" (printf "/etc/logwarden/kafka-tls/keystore/%s" .key) -}}
{{- $_ := set $props "ssl.keystore.type" .type -}}
{{- if and .passwordKey (eq .type "PEM") -}}
{{- $_ := set $props "ssl.key.password" "${env:LOGWARDEN_KAFKA_KEYSTORE_PASSWORD}" -}}
{{- else if .passwordKey -}}
{{- $_ := set $props "ssl.keystore.password" "${env:LOGWARDEN_KAFKA_KEYSTORE_PASSWORD}" -}}
{{- end -}}
{{- if .keyPasswordKey -}}
{{- $_ := set $props "ssl.key.password" "${env:LOGWARDEN_KAFKA_KEY_PASSWORD}" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $sasl.mechanism -}}
{{- $_ := set $props "sasl.mechanism" $sasl.mechanism -}}
{{- if $sasl.jaasConfigKey -}}
{{- $_ := set $props "sasl.jaas.config" "${env:LOGWARDEN_KAFKA_SASL_JAAS_CONFIG}" -}}
{{- else -}}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $sasl.mechanism "PLAIN") -}}
{{- $_ := set $props "sasl.jaas.config" (printf "%s required username=\"%s\" password=\"${env:LOGWARDEN_KAFKA_SASL_PASSWORD}\";" $module $identity.saslUsername) -}}
{{- end -}}
{{- end -}}
{{- if $props }}{{ toYaml $props }}{{ end -}}
{{- end -}}

{{/* The environment variables the transport's ${env:NAME} references read, from Secret keys. */}}
{{- define "logwarden.kafkaSecurityEnv" -}}
{{- $kafka := .root.Values.kafka -}}
{{- $tls := $kafka.tls -}}
{{- $identity := fromYaml (include "logwarden.kafkaIdentity" .) -}}
{{- $env := list -}}
{{- if $tls.enabled -}}
{{- with $tls.truststore -}}
{{- if and .secret .passwordKey -}}
{{- $env = append $env (dict "name" "LOGWARDEN_KAFKA_TRUSTSTORE_PASSWORD" "secret" (default .secret .passwordSecret) "key" .passwordKey) -}}
{{- end -}}
{{- end -}}
{{- if $identity.keystoreSecret -}}
{{- if $tls.keystore.passwordKey -}}
{{- $env = append $env (dict "name" "LOGWARDEN_KAFKA_KEYSTORE_PASSWORD" "secret" $identity.keystorePasswordSecret "key" $tls.keystore.passwordKey) -}}
{{- end -}}
{{- if $tls.keystore.keyPasswordKey -}}
{{- $env = append $env (dict "name" "LOGWARDEN_KAFKA_KEY_PASSWORD" "secret" $identity.keystorePasswordSecret "key" $tls.keystore.keyPasswordKey) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $kafka.sasl.mechanism -}}
{{- if $kafka.sasl.jaasConfigKey -}}
{{- $env = append $env (dict "name" "LOGWARDEN_KAFKA_SASL_JAAS_CONFIG" "secret" $identity.saslSecret "key" $kafka.sasl.jaasConfigKey) -}}
{{- else -}}
{{- $env = append $env (dict "name" "LOGWARDEN_KAFKA_SASL_PASSWORD" "secret" $identity.saslSecret "key" $kafka.sasl.passwordKey) -}}
{{- end -}}
{{- end -}}
{{- range $env }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key | quote }}
{{- end }}
{{- end -}}

{{/* The stores' mounts: only the store's own key of each Secret, read-only. */}}
{{- define "logwarden.kafkaSecurityMounts" -}}
{{- $tls := .root.Values.kafka.tls -}}
{{- $identity := fromYaml (include "logwarden.kafkaIdentity" .) -}}
{{- if and $tls.enabled $tls.truststore.secret }}
- name: kafka-truststore
  mountPath: /etc/logwarden/kafka-tls/truststore
  readOnly: true
{{- end }}
{{- if and $tls.enabled $identity.keystoreSecret }}
- name: kafka-keystore
  mountPath: /etc/logwarden/kafka-tls/keystore
  readOnly: true
{{- end }}
{{- end -}}

{{- define "logwarden.kafkaSecurityVolumes" -}}
{{- $tls := .root.Values.kafka.tls -}}
{{- $identity := fromYaml (include "logwarden.kafkaIdentity" .) -}}
{{- if and $tls.enabled $tls.truststore.secret }}
- name: kafka-truststore
  secret:
    secretName: {{ $tls.truststore.secret }}
    items:
      - key: {{ $tls.truststore.key | quote }}
        path: {{ $tls.truststore.key | quote }}
{{- end }}
{{- if and $tls.enabled $identity.keystoreSecret }}
# This workload's own certificate ({{ .workload }}): its Kafka principal.
- name: kafka-keystore
  secret:
    secretName: {{ $identity.keystoreSecret }}
    items:
      - key: {{ $tls.keystore.key | quote }}
        path: {{ $tls.keystore.key | quote }}
{{- end }}
{{- end -}}

{{/* Pod annotations of every workload: kafka.credentialsRevision, changed to roll the pods. */}}
{{- define "logwarden.credentialsAnnotations" -}}
{{- with .Values.kafka.credentialsRevision -}}
# Kafka clients read stores and passwords only at start: a new revision restarts the pods.
logwarden.io/kafka-credentials-revision: {{ . | quote }}
{{- end -}}
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
{{- include "logwarden.kafkaSecurityMounts" (dict "root" . "workload" "pipeline") }}
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
{{- include "logwarden.kafkaSecurityVolumes" (dict "root" . "workload" "pipeline") }}
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
{{- include "logwarden.kafkaSecurityMounts" (dict "root" . "workload" "provisioning") }}
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
    {{- with include "logwarden.kafkaSecurityEnv" (dict "root" .root "workload" "provisioning") | trim }}
    {{- . | nindent 4 }}
    {{- end }}
  resources:
    {{- toYaml .root.Values.provisioning.resources | nindent 4 }}
  securityContext:
    {{- toYaml .root.Values.containerSecurityContext | nindent 4 }}
  volumeMounts:
    {{- include "logwarden.provisioningMounts" .root | nindent 4 }}
{{- end -}}
