{{/* Validates that the Alloy instance is appropriate for the given NEW_FEATURE_NAME settings */}}
{{/* Inputs: Values (Node Logs values), Collector (Alloy values), CollectorName (string) */}}
{{- define "feature.profilesReceiver.collector.validate" -}}

{{- end -}}
