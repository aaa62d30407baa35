#!/usr/bin/env bash
# Regenerates the small, test-only TLS fixtures in Tests/KubeClientTests/Fixtures/tls.
# They are committed so tests need no openssl at run time. Valid for 100 years; never use them anywhere else.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/Tests/KubeClientTests/Fixtures/tls"
mkdir -p "$out"
cd "$out"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days $days -subj "/CN=tocsin-test-ca" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
# Server certificate: valid for 127.0.0.1, localhost and the name used to test tls-server-name.
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=kube-apiserver" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost,DNS:kubernetes.tocsin.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days $days -extfile server.ext 2>/dev/null
# A second server certificate that names only kubernetes.tocsin.test (not 127.0.0.1): needs tls-server-name.
printf 'subjectAltName=DNS:kubernetes.tocsin.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > named.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out named-server.crt -days $days -extfile named.ext 2>/dev/null
# Client certificates: one RSA, one EC (P-256), both signed by the CA.
printf 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n' > client.ext
openssl req -newkey rsa:2048 -nodes -keyout client-rsa.key -out client-rsa.csr -subj "/O=system:masters/CN=tocsin-rsa" 2>/dev/null
openssl x509 -req -in client-rsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client-rsa.crt -days $days -extfile client.ext 2>/dev/null
openssl rsa -in client-rsa.key -traditional -out client-rsa.key 2>/dev/null  # PKCS#1, as many kubeconfigs carry
openssl ecparam -name prime256v1 -genkey -noout -out client-ec.key
openssl req -new -key client-ec.key -out client-ec.csr -subj "/O=system:masters/CN=tocsin-ec" 2>/dev/null
openssl x509 -req -in client-ec.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client-ec.crt -days $days -extfile client.ext 2>/dev/null
# A self-signed certificate from another CA, to prove that an unknown CA is refused.
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.crt -days $days -subj "/CN=other" \
  -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
rm -f ./*.csr ./*.ext ./*.srl
ls
