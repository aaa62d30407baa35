#!/bin/sh
# Test exec credential plugin. Behaviour is chosen through the environment:
#   PLUGIN_COUNT_FILE   a line is appended per run; the token is "<first argument>-<run number>"
#   PLUGIN_INFO_FILE    receives KUBERNETES_EXEC_INFO
#   PLUGIN_API_VERSION  apiVersion of the answer (default client.authentication.k8s.io/v1)
#   PLUGIN_EXPIRATION   status.expirationTimestamp (omitted when unset)
#   PLUGIN_MODE         token (default) | fail | noisy | file (print PLUGIN_OUTPUT_FILE verbatim)
#                       | hang (write its pid to PLUGIN_PID_FILE, then wait two minutes)
runs=0
if [ -n "$PLUGIN_COUNT_FILE" ]; then
    echo run >> "$PLUGIN_COUNT_FILE"
    runs=$(wc -l < "$PLUGIN_COUNT_FILE" | tr -d ' ')
fi
if [ -n "$PLUGIN_INFO_FILE" ]; then
    printf '%s' "$KUBERNETES_EXEC_INFO" > "$PLUGIN_INFO_FILE"
fi
case "${PLUGIN_MODE:-token}" in
fail)
    echo "error: the SSO session for profile dev has expired; run sso login" >&2
    exit 3
    ;;
file)
    cat "$PLUGIN_OUTPUT_FILE"
    exit 0
    ;;
hang)
    echo $$ > "$PLUGIN_PID_FILE"
    exec sleep 120
    ;;
noisy)
    # More than a pipe buffer on stderr before answering: the client must drain both pipes.
    head -c 300000 /dev/zero | tr '\0' 'x' >&2
    ;;
esac
version="${PLUGIN_API_VERSION:-client.authentication.k8s.io/v1}"
if [ -n "$PLUGIN_EXPIRATION" ]; then
    printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s-%s","expirationTimestamp":"%s"}}\n' \
        "$version" "$1" "$runs" "$PLUGIN_EXPIRATION"
else
    printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s-%s"}}\n' "$version" "$1" "$runs"
fi
