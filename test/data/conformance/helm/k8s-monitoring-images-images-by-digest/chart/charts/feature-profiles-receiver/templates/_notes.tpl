{{- define "feature.profilesReceiver.notes.deployments" }}{{- end }}

{{- define "feature.profilesReceiver.notes.task" }}
Open an HTTP receiver for profiles
{{- end }}

{{- define "feature.profilesReceiver.notes.actions" }}{{- end }}

{{- define "feature.profilesReceiver.summary" -}}
version: {{ .Chart.Version }}
{{- end }}
