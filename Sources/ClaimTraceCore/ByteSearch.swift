/// Substring search over UTF-8 bytes, for hot paths: Foundation's string search and Swift Regex
/// are one to two orders of magnitude slower on this work.
public enum ByteSearch {
    /// The index in `haystack` where `needle` first starts, or nil.
    public static func firstIndex(of needle: some Collection<UInt8>, in haystack: ArraySlice<UInt8>) -> Int? {
        let pattern = Array(needle)
        guard let first = pattern.first else { return haystack.startIndex }
        guard haystack.count >= pattern.count else { return nil }
        var i = haystack.startIndex
        let last = haystack.endIndex - pattern.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < pattern.count, haystack[i + j] == pattern[j] { j += 1 }
                if j == pattern.count { return i }
            }
            i += 1
        }
        return nil
    }

    public static func contains(_ haystack: ArraySlice<UInt8>, _ needle: some Collection<UInt8>) -> Bool {
        firstIndex(of: needle, in: haystack) != nil
    }

    /// Whether the UTF-8 of `haystack` contains the UTF-8 of `needle`.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack
        return h.withUTF8 { contains(ArraySlice($0), needle.utf8) }
    }
}
