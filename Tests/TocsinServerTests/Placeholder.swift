// Tests for this target arrive with the controller-runtime work.
import Testing
