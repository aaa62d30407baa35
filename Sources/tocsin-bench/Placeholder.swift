/// Placeholder entry point until the benchmark lands.
@main
enum TocsinBench {
    static func main() {
        print("tocsin-bench: no figures yet")
    }
}
