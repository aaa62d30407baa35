// Watchers, the store, the work queue, controllers and leader election. Filled in by the controller-runtime issue.
//
// This target is intentionally empty for now: it only fixes the module layout
// (see CONVENTIONS.md) so later work lands in the right place.
