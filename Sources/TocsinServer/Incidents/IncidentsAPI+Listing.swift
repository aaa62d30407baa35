import KubeClient
import KubeCore
import TocsinAPI

extension IncidentsAPI {
    /// At most this many Kubernetes pages are read for one API page; a filter that matches little then returns a
    /// short page with a `continue` token rather than scanning without bound.
    static let maximumKubePagesPerRequest = 20

    /// One page of Incidents matching `query`, and where the next page starts (`nil` after the last).
    /// - Throws: ``IncidentsAPIError`` 410 when a Kubernetes continue token expired, 503 when the API failed.
    func page(_ query: IncidentListQuery) async throws(IncidentsAPIError) -> (items: [Incident], next: IncidentListToken?) {
        let namespaces: [String?]
        if let namespace = query.namespace {
            guard directory.contains(namespace: namespace) else { return ([], nil) }
            namespaces = [namespace]
        } else {
            namespaces = directory.listedNamespaces
        }
        var position = query.position ?? IncidentListToken(namespaceIndex: 0, kubeToken: nil, skip: 0)
        var items: [Incident] = []
        var pagesRead = 0
        while position.namespaceIndex < namespaces.count {
            guard pagesRead < Self.maximumKubePagesPerRequest else { return (items, position) }
            let page = try await kubePage(namespace: namespaces[position.namespaceIndex], token: position.kubeToken)
            pagesRead += 1
            let after = Self.position(after: page, at: position, namespaceCount: namespaces.count)
            var index = position.skip
            while index < page.items.count {
                let incident = page.items[index]
                index += 1
                guard query.matches(incident) else { continue }
                items.append(incident)
                if items.count == query.limit {
                    // Point past the items of this page that would not be shown anyway.
                    if let following = page.items[index...].firstIndex(where: query.matches) {
                        return (items, IncidentListToken(
                            namespaceIndex: position.namespaceIndex, kubeToken: position.kubeToken, skip: following))
                    }
                    return (items, after)
                }
            }
            guard let after else { break }
            position = after
        }
        return (items, nil)
    }

    /// Where listing continues once `page` (read at `position`) is done; `nil` when nothing follows.
    static func position(
        after page: ObjectList<Incident>, at position: IncidentListToken, namespaceCount: Int
    ) -> IncidentListToken? {
        if let token = page.metadata.continueToken, !token.isEmpty {
            return IncidentListToken(namespaceIndex: position.namespaceIndex, kubeToken: token, skip: 0)
        }
        let next = position.namespaceIndex + 1
        return next < namespaceCount ? IncidentListToken(namespaceIndex: next, kubeToken: nil, skip: 0) : nil
    }

    private func kubePage(namespace: String?, token: String?) async throws(IncidentsAPIError) -> ObjectList<Incident> {
        do {
            return try await directory.client.list(
                Incident.self, namespace: namespace,
                options: ListOptions(limit: IncidentDirectory.pageSize, continueToken: token))
        } catch let error as KubeAPIError where error.isGone {
            throw IncidentsAPIError(
                status: 410, code: "Expired", message: "the continue token has expired: list again from the start")
        } catch let error as KubeAPIError where error.statusCode == 400 && token != nil {
            throw .badRequest("query parameter continue is not a token this API returned: list again from the start")
        } catch {
            logger.error("Could not list Incidents", metadata: ["error": "\(error)"])
            throw .unavailable("could not list incidents from the Kubernetes API; try again later")
        }
    }
}
