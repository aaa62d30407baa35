// HTTP endpoints: metrics, health, Slack interactivity, the incidents API.
//
// This target is intentionally empty for now: it only fixes the module layout
// (see CONVENTIONS.md) so later work lands in the right place.
