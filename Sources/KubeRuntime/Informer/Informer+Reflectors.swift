import KubeCore
import Logging

extension Informer {
    /// Runs `body` holding the delivery lock, unless this task already holds it (a handler calling back).
    func withDeliveryLock(_ body: () -> Void) {
        let me = ObjectIdentifier(self)
        let held = DeliveryContext.informers
        if held.contains(me) {
            body()
            return
        }
        delivery.withLock { _ in
            DeliveryContext.$informers.withValue(held + [me]) { body() }
        }
    }

    /// Starts the watches for the selection. Called with the state locked.
    func start(_ state: inout State) {
        state.isRunning = true
        environment.logger.debug(
            "Starting informer",
            metadata: ["resource": "\(resource.plural)", "informer.namespaces": "\(namespaces)"])
        switch namespaces {
        case .all:
            addSlot(namespace: nil, filter: nil, to: &state)
        case .names(let names) where names.count > NamespaceSelection.perNamespaceWatchLimit:
            addSlot(namespace: nil, filter: Set(names), to: &state)
        case .names(let names):
            for name in names { addSlot(namespace: name, filter: nil, to: &state) }
        case .labelSelector(let selector):
            let configuration = ReflectorConfiguration(
                resource: .namespaces, labelSelector: selector, pageSize: environment.pageSize,
                backoff: environment.backoff)
            let reflector = Reflector<Namespace>(
                client: environment.client, configuration: configuration, clock: environment.clock,
                logger: environment.logger, metricsFactory: environment.metricsFactory
            ) { [weak self] changes in self?.namespacesChanged(changes) }
            state.namespaceWatch = (reflector, environment.host.spawn { try? await reflector.run() })
        }
    }

    /// Stops every watch and forgets their state. Called with the state locked.
    func stop(_ state: inout State) {
        environment.logger.debug("Stopping informer: no consumers left", metadata: ["resource": "\(resource.plural)"])
        for slot in state.slots.values { slot.handle.cancel() }
        state.namespaceWatch?.handle.cancel()
        let nextID = state.nextID
        state = State()
        state.nextID = nextID
        cacheObjects.record(0)
    }

    private func addSlot(namespace: String?, filter: Set<String>?, to state: inout State) {
        let id = state.nextID
        state.nextID += 1
        let configuration = ReflectorConfiguration(
            resource: resource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector,
            namespaceFilter: filter, pageSize: environment.pageSize, backoff: environment.backoff)
        let reflector = Reflector<Object>(
            client: environment.client, configuration: configuration, clock: environment.clock,
            logger: environment.logger, metricsFactory: environment.metricsFactory
        ) { [weak self] changes in self?.deliver(changes, from: id) }
        let handle = environment.host.spawn { try? await reflector.run() }
        state.slots[id] = Slot(reflector: reflector, handle: handle, namespace: namespace)
        if let namespace { state.slotsByNamespace[namespace] = id }
    }

    /// Hands a reflector's changes to every consumer, in order.
    func deliver(_ changes: [WatcherChange<Object>], from slotID: Int) {
        withDeliveryLock {
            let targets = state.withLock { state -> (consumers: [any InformerConsumer<Object>], replaying: Set<Int>)? in
                guard state.slots[slotID] != nil else { return nil }
                state.slots[slotID]?.hasDelivered = true
                let replaying = Set(state.pending.filter { $0.value[slotID] != nil }.keys)
                return (state.consumers.keys.sorted().compactMap { state.consumers[$0] }, replaying)
            }
            guard let targets else { return }
            for consumer in targets.consumers {
                consumer.apply(changes, replaying: targets.replaying.contains(consumer.id))
            }
            if case .synced = changes.last {
                state.withLock { state in
                    guard let slot = state.slots[slotID] else { return }
                    state.slots[slotID]?.hasSynced = true
                    let generation = slot.reflector.listGeneration
                    for consumerID in targets.replaying where (state.pending[consumerID]?[slotID] ?? .max) < generation {
                        state.pending[consumerID]?[slotID] = nil
                    }
                }
                checkSynced()
            }
            cacheObjects.record(objectCount)
        }
    }

    /// Opens the informer's latch when every watch has listed, and marks the consumers that are complete.
    func checkSynced() {
        let (latch, complete) = state.withLock { state -> (SyncLatch?, [any InformerConsumer<Object>]) in
            guard state.isRunning else { return (nil, []) }
            let needsNamespaces = state.namespaceWatch != nil
            let allListed = state.slots.values.allSatisfy(\.hasSynced) && (!needsNamespaces || state.namespacesSynced)
            guard state.synced.isOpen || allListed else { return (nil, []) }
            let complete = state.consumers.filter { state.pending[$0.key]?.isEmpty ?? true }.map(\.value)
            state.pending = state.pending.filter { !$0.value.isEmpty }
            return (state.synced, complete)
        }
        latch?.open()
        for consumer in complete { consumer.markSynced() }
    }

    /// Follows the selected namespaces: one that starts matching gets a watch, one that stops matching has
    /// its watch stopped and its objects removed from every consumer.
    func namespacesChanged(_ changes: [WatcherChange<Namespace>]) {
        withDeliveryLock {
            for change in changes {
                switch change {
                case .added(let namespace), .modified(let namespace), .unchanged(let namespace):
                    guard let name = namespace.metadata.name else { continue }
                    state.withLock { state in
                        guard state.isRunning, state.slotsByNamespace[name] == nil else { return }
                        environment.logger.info(
                            "Namespace selected; starting its watch",
                            metadata: ["resource": "\(resource.plural)", "namespace": "\(name)"])
                        addSlot(namespace: name, filter: nil, to: &state)
                    }
                case .deleted(let key, _):
                    removeNamespace(key.name)
                case .synced:
                    state.withLock { $0.namespacesSynced = true }
                }
            }
            checkSynced()
            cacheObjects.record(objectCount)
        }
    }

    private func removeNamespace(_ name: String) {
        let consumers = state.withLock { state -> [any InformerConsumer<Object>] in
            guard let slotID = state.slotsByNamespace.removeValue(forKey: name) else { return [] }
            state.slots.removeValue(forKey: slotID)?.handle.cancel()
            for consumerID in state.pending.keys { state.pending[consumerID]?[slotID] = nil }
            return state.consumers.keys.sorted().compactMap { state.consumers[$0] }
        }
        guard !consumers.isEmpty else { return }
        environment.logger.info(
            "Namespace no longer selected; dropping its objects",
            metadata: ["resource": "\(resource.plural)", "namespace": "\(name)"])
        for consumer in consumers { consumer.removeAll(inNamespace: name) }
    }
}
