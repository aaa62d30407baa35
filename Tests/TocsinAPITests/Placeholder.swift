// Tests for the custom resource types arrive with them.
import Testing
