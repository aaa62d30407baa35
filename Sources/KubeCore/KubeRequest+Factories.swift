import Foundation

extension KubeRequest {
    private static let accept = HeaderField(name: "Accept", value: "application/json")
    private static let jsonContentType = HeaderField(name: "Content-Type", value: "application/json")

    /// `GET` one object (or one of its subresources).
    public static func get(
        _ type: ResourceType, name: String, namespace: String?, subresource: String? = nil
    ) -> KubeRequest {
        KubeRequest(
            method: .get, path: type.path(namespace: namespace, name: name, subresource: subresource),
            headers: [accept]
        )
    }

    /// `GET` a collection (one page); `namespace` `nil` lists across all namespaces.
    public static func list(
        _ type: ResourceType, namespace: String?, options: ListOptions = ListOptions()
    ) -> KubeRequest {
        KubeRequest(method: .get, path: type.path(namespace: namespace), query: options.queryItems, headers: [accept])
    }

    /// `GET` a collection with `watch=true`; the response is a stream of watch events, one JSON object per line.
    public static func watch(
        _ type: ResourceType, namespace: String?, options: WatchOptions = WatchOptions()
    ) -> KubeRequest {
        KubeRequest(method: .get, path: type.path(namespace: namespace), query: options.queryItems, headers: [accept])
    }

    /// `POST` a new object (JSON `body`) to its collection.
    public static func create(_ type: ResourceType, namespace: String?, body: Data) -> KubeRequest {
        KubeRequest(
            method: .post, path: type.path(namespace: namespace), headers: [accept, jsonContentType], body: body
        )
    }

    /// `POST` a new object to its collection, encoded with ``KubeJSON/makeEncoder()``.
    ///
    /// - Throws: `EncodingError` when the object cannot be encoded.
    public static func create(_ type: ResourceType, namespace: String?, body: some Encodable) throws -> KubeRequest {
        create(type, namespace: namespace, body: try KubeJSON.makeEncoder().encode(body))
    }

    /// `PUT` a whole object (or its `status` subresource) with a JSON `body`.
    public static func update(
        _ type: ResourceType, name: String, namespace: String?, subresource: String? = nil, body: Data
    ) -> KubeRequest {
        KubeRequest(
            method: .put, path: type.path(namespace: namespace, name: name, subresource: subresource),
            headers: [accept, jsonContentType], body: body
        )
    }

    /// `PUT` a whole object (or its `status` subresource), encoded with ``KubeJSON/makeEncoder()``.
    ///
    /// - Throws: `EncodingError` when the object cannot be encoded.
    public static func update(
        _ type: ResourceType, name: String, namespace: String?, subresource: String? = nil, body: some Encodable
    ) throws -> KubeRequest {
        update(
            type, name: name, namespace: namespace, subresource: subresource,
            body: try KubeJSON.makeEncoder().encode(body)
        )
    }

    /// `PATCH` an object (or a subresource) with the patch's content type and the options' query.
    ///
    /// - Throws: `EncodingError` when the patch cannot be encoded.
    public static func patch(
        _ type: ResourceType, name: String, namespace: String?, subresource: String? = nil, patch: Patch,
        options: PatchOptions = PatchOptions()
    ) throws -> KubeRequest {
        KubeRequest(
            method: .patch, path: type.path(namespace: namespace, name: name, subresource: subresource),
            query: options.queryItems,
            headers: [accept, HeaderField(name: "Content-Type", value: patch.contentType)],
            body: try patch.body()
        )
    }

    /// `DELETE` an object, with a JSON `DeleteOptions` body when `options` is given.
    ///
    /// - Throws: `EncodingError` when the options cannot be encoded (not expected).
    public static func delete(
        _ type: ResourceType, name: String, namespace: String?, options: DeleteOptions? = nil
    ) throws -> KubeRequest {
        let path = type.path(namespace: namespace, name: name)
        guard let options else {
            return KubeRequest(method: .delete, path: path, headers: [accept])
        }
        return KubeRequest(
            method: .delete, path: path, headers: [accept, jsonContentType],
            body: try KubeJSON.makeEncoder().encode(options)
        )
    }
}
