/// The OpenAPI 3.0 document of ``IncidentsAPI``, served at `GET /api/v1/openapi.yaml`.
///
/// The same text is committed as `manifests/incidents-api.openapi.yaml` (a test keeps both identical): edit both.
public enum IncidentsAPIDocument {
    /// The document, YAML.
    public static let yaml = #"""
openapi: 3.0.3
info:
  title: Tocsin incidents API
  version: v1
  description: |
    Read and act on Tocsin Incidents over HTTP. Served by the operator on its operations port
    (default 8080) under /api/v1.

    Authentication: every call except this document needs `Authorization: Bearer <token>`
    with a token the cluster accepts (a ServiceAccount token, an OIDC token, ...). The operator
    checks it with a TokenReview (positive answers are cached for 30 seconds).

    Authorisation: the cluster's RBAC decides, through a SubjectAccessReview on the resource
    `incidents` of the API group `tocsin.dev`: verb `list` (in the namespace, or in all
    namespaces without one) to list, `get` to read one Incident, `patch` to acknowledge,
    resolve, escalate or add a note. The user name of the token is recorded as the actor.

    Errors are JSON: `{"error": {"code": "NotFound", "message": "..."}}`.
servers:
  - url: http://tocsin.tocsin-system.svc:8080
security:
  - kubernetesBearerToken: []
paths:
  /api/v1/incidents:
    get:
      operationId: listIncidents
      summary: List incidents
      description: |
        Incidents in the namespaces the operator watches, one page at a time. Pages may hold
        fewer than `limit` items when filters match little; follow `metadata.continue` until it
        is absent.
      parameters:
        - name: namespace
          in: query
          description: Only this namespace (else all namespaces; needs `list` in all namespaces).
          schema:
            type: string
        - name: phase
          in: query
          description: Only these phases, separated by commas.
          schema:
            type: string
            example: Firing,Acknowledged
        - name: severity
          in: query
          description: Only these severities, separated by commas.
          schema:
            type: string
            example: critical,high
        - name: limit
          in: query
          description: The most items in one page.
          schema:
            type: integer
            minimum: 1
            maximum: 500
            default: 100
        - name: continue
          in: query
          description: The `metadata.continue` of the previous page.
          schema:
            type: string
      responses:
        "200":
          description: One page of incidents.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/IncidentList"
        "400":
          $ref: "#/components/responses/BadRequest"
        "401":
          $ref: "#/components/responses/Unauthorized"
        "403":
          $ref: "#/components/responses/Forbidden"
        "410":
          description: The continue token expired; list again from the start.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Error"
        "503":
          $ref: "#/components/responses/Unavailable"
  /api/v1/incidents/{namespace}/{name}:
    parameters:
      - $ref: "#/components/parameters/Namespace"
      - $ref: "#/components/parameters/Name"
    get:
      operationId: getIncident
      summary: Read one incident
      responses:
        "200":
          description: The incident.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Incident"
        "400":
          $ref: "#/components/responses/BadRequest"
        "401":
          $ref: "#/components/responses/Unauthorized"
        "403":
          $ref: "#/components/responses/Forbidden"
        "404":
          $ref: "#/components/responses/NotFound"
        "503":
          $ref: "#/components/responses/Unavailable"
  /api/v1/incidents/{namespace}/{name}/acknowledge:
    parameters:
      - $ref: "#/components/parameters/Namespace"
      - $ref: "#/components/parameters/Name"
    post:
      operationId: acknowledgeIncident
      summary: Acknowledge a firing incident (stops escalation and repeats)
      responses:
        "200":
          $ref: "#/components/responses/Changed"
        "400":
          $ref: "#/components/responses/BadRequest"
        "401":
          $ref: "#/components/responses/Unauthorized"
        "403":
          $ref: "#/components/responses/Forbidden"
        "404":
          $ref: "#/components/responses/NotFound"
        "409":
          $ref: "#/components/responses/Refused"
        "503":
          $ref: "#/components/responses/Unavailable"
  /api/v1/incidents/{namespace}/{name}/resolve:
    parameters:
      - $ref: "#/components/parameters/Namespace"
      - $ref: "#/components/parameters/Name"
    post:
      operationId: resolveIncident
      summary: Resolve an open incident by hand
      responses:
        "200":
          $ref: "#/components/responses/Changed"
        "400":
          $ref: "#/components/responses/BadRequest"
        "401":
          $ref: "#/components/responses/Unauthorized"
        "403":
          $ref: "#/components/responses/Forbidden"
        "404":
          $ref: "#/components/responses/NotFound"
        "409":
          $ref: "#/components/responses/Refused"
        "503":
          $ref: "#/components/responses/Unavailable"
  /api/v1/incidents/{namespace}/{name}/escalate:
    parameters:
      - $ref: "#/components/parameters/Namespace"
      - $ref: "#/components/parameters/Name"
    post:
      operationId: escalateIncident
      summary: Take the rule's next escalation step now
      responses:
        "200":
          $ref: "#/components/responses/Changed"
        "400":
          $ref: "#/components/responses/BadRequest"
        "401":
          $ref: "#/components/responses/Unauthorized"
        "403":
          $ref: "#/components/responses/Forbidden"
        "404":
          $ref: "#/components/responses/NotFound"
        "409":
          $ref: "#/components/responses/Refused"
        "503":
          $ref: "#/components/responses/Unavailable"
  /api/v1/incidents/{namespace}/{name}/notes:
    parameters:
      - $ref: "#/components/parameters/Namespace"
      - $ref: "#/components/parameters/Name"
    post:
      operationId: addIncidentNote
      summary: Add a note to the incident's timeline (sent to its receivers)
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [text]
              properties:
                text:
                  type: string
                  minLength: 1
                  description: The note; longer than 1,000 characters is truncated.
      responses:
        "200":
          $ref: "#/components/responses/Changed"
        "400":
          $ref: "#/components/responses/BadRequest"
        "401":
          $ref: "#/components/responses/Unauthorized"
        "403":
          $ref: "#/components/responses/Forbidden"
        "404":
          $ref: "#/components/responses/NotFound"
        "409":
          $ref: "#/components/responses/Refused"
        "413":
          description: The body is larger than 16 KiB.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Error"
        "503":
          $ref: "#/components/responses/Unavailable"
  /api/v1/openapi.yaml:
    get:
      operationId: getOpenAPIDocument
      summary: This document
      security: []
      responses:
        "200":
          description: The OpenAPI document.
          content:
            application/yaml:
              schema:
                type: string
components:
  securitySchemes:
    kubernetesBearerToken:
      type: http
      scheme: bearer
      description: A token the cluster accepts, checked with a TokenReview.
  parameters:
    Namespace:
      name: namespace
      in: path
      required: true
      schema:
        type: string
    Name:
      name: name
      in: path
      required: true
      schema:
        type: string
  responses:
    Changed:
      description: The incident as written.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Incident"
    BadRequest:
      description: A parameter or the body is not valid.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
    Unauthorized:
      description: No bearer token, or one the cluster does not accept.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
    Forbidden:
      description: RBAC does not allow the user this verb on incidents.tocsin.dev there.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
    NotFound:
      description: No such incident in the namespaces the operator watches.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
    Refused:
      description: The incident refuses the operation (already resolved, already acknowledged, no further escalation step, ...).
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
    Unavailable:
      description: The Kubernetes API could not be reached; try again.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Error"
  schemas:
    Error:
      type: object
      required: [error]
      properties:
        error:
          type: object
          required: [code, message]
          properties:
            code:
              type: string
              enum: [BadRequest, Unauthorized, Forbidden, NotFound, Conflict, Expired, PayloadTooLarge, ServiceUnavailable, InternalError]
            message:
              type: string
    IncidentList:
      type: object
      required: [items]
      properties:
        apiVersion:
          type: string
          example: tocsin.dev/v1alpha1
        kind:
          type: string
          example: IncidentList
        metadata:
          type: object
          properties:
            continue:
              type: string
              description: Pass as the `continue` parameter for the next page; absent on the last page.
        items:
          type: array
          items:
            $ref: "#/components/schemas/Incident"
    Incident:
      type: object
      description: A tocsin.dev/v1alpha1 Incident, as `kubectl get incident -o json` shows it.
      required: [apiVersion, kind, metadata, spec]
      properties:
        apiVersion:
          type: string
          example: tocsin.dev/v1alpha1
        kind:
          type: string
          example: Incident
        metadata:
          type: object
          properties:
            name:
              type: string
            namespace:
              type: string
            labels:
              type: object
              additionalProperties:
                type: string
        spec:
          type: object
          properties:
            alertRuleRef:
              type: object
              properties:
                name:
                  type: string
            fingerprint:
              type: string
            groupLabels:
              type: object
              additionalProperties:
                type: string
        status:
          type: object
          properties:
            phase:
              type: string
              enum: [Firing, Acknowledged, Resolved]
            severity:
              type: string
              enum: [critical, high, moderate, low, info]
            escalationLevel:
              type: integer
            subject:
              type: string
            summary:
              type: string
            description:
              type: string
            labels:
              type: object
              additionalProperties:
                type: string
            startTime:
              type: string
              format: date-time
            acknowledgedTime:
              type: string
              format: date-time
            acknowledgedBy:
              type: string
            resolvedTime:
              type: string
              format: date-time
            resolvedBy:
              type: string
            timeline:
              type: array
              items:
                type: object
                properties:
                  time:
                    type: string
                    format: date-time
                  type:
                    type: string
                    enum: [Fired, Acknowledged, Escalated, Resolved, Notified, DeliveryFailed, Note]
                  actor:
                    type: string
                  message:
                    type: string
          additionalProperties: true

"""#
}
