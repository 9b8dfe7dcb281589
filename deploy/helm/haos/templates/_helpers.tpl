{{- define "haos.turnDomain" -}}
{{- default (printf "turn.%s" .Values.domain) .Values.livekit.turnDomain -}}
{{- end -}}
{{- define "haos.labels" -}}
app.kubernetes.io/part-of: haos
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}
{{- define "haos.homeserverUrl" -}}
{{- if .Values.synapse.enabled -}}
http://{{ .Release.Name }}-synapse-main:8008
{{- else -}}
{{- required "existingHomeserver.url is needed when synapse.enabled is false" .Values.existingHomeserver.url -}}
{{- end -}}
{{- end -}}
