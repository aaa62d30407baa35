// Tests for the reconcilers arrive with them.
import Testing
