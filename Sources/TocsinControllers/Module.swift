// Reconcilers that wire the engine, the runtime and the notifiers together.
//
// This target is intentionally empty for now: it only fixes the module layout
// (see CONVENTIONS.md) so later work lands in the right place.
