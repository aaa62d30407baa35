// Slack and Opsgenie notifiers and the delivery outbox. Filled in by the notifiers issue.
//
// This target is intentionally empty for now: it only fixes the module layout
// (see CONVENTIONS.md) so later work lands in the right place.
