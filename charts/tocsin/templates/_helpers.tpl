{{/* The chart's name, truncated to a valid label value. */}}
{{- define "tocsin.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name: the release name, with the chart name appended unless it already contains it. */}}
{{- define "tocsin.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the operator's pods (Deployment, Service, PDB, ServiceMonitor). */}}
{{- define "tocsin.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tocsin.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every object. */}}
{{- define "tocsin.labels" -}}
{{ include "tocsin.selectorLabels" . }}
app.kubernetes.io/part-of: tocsin
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The ServiceAccount's name. */}}
{{- define "tocsin.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tocsin.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The container image. */}}
{{- define "tocsin.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* The namespaces watched when not all are: watch.namespaces, else the release namespace. One per line. */}}
{{- define "tocsin.watchedNamespaces" -}}
{{- if .Values.watch.namespaces -}}
{{- join "\n" .Values.watch.namespaces -}}
{{- else -}}
{{- .Release.Namespace -}}
{{- end -}}
{{- end -}}

{{/* Refuses value combinations that cannot work. */}}
{{- define "tocsin.validate" -}}
{{- if and (not .Values.rbac.clusterWide) .Values.watch.allNamespaces -}}
{{- fail "rbac.clusterWide=false needs watch.allNamespaces=false (and watch.namespaces): a Role cannot grant access to every namespace" -}}
{{- end -}}
{{- if and (not .Values.rbac.clusterWide) .Values.watch.namespaceSelector -}}
{{- fail "rbac.clusterWide=false cannot use watch.namespaceSelector: list the namespaces in watch.namespaces" -}}
{{- end -}}
{{- if and .Values.watch.namespaces .Values.watch.namespaceSelector -}}
{{- fail "set either watch.namespaces or watch.namespaceSelector, not both" -}}
{{- end -}}
{{- if and .Values.ingress.tls.enabled (not .Values.ingress.tls.secretName) -}}
{{- fail "ingress.tls.enabled needs ingress.tls.secretName" -}}
{{- end -}}
{{- end -}}

{{/* RBAC rules shared by the ClusterRole and the per-namespace Roles: Events, and the tocsin.dev resources. */}}
{{- define "tocsin.commonRules" -}}
- apiGroups: [""]
  resources: [events]
  verbs: [get, list, watch, create, patch]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [get, list, watch, create, patch]
- apiGroups: [tocsin.dev]
  resources: [monitors, alertrules, oncallschedules, oncalloverrides, incidents]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [tocsin.dev]
  resources: [monitors/status, alertrules/status, oncallschedules/status, oncalloverrides/status, incidents/status]
  verbs: [get, update, patch]
- apiGroups: [tocsin.dev]
  resources: [monitors/finalizers, alertrules/finalizers, oncallschedules/finalizers, incidents/finalizers]
  verbs: [update]
{{- end -}}
