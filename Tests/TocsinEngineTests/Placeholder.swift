// Tests for the engine arrive with it.
import Testing
