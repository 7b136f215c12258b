import Foundation

/// Two builds of one program. Built with `-sanitize=fuzzer` and `-D FUZZING`, libFuzzer drives
/// it, calling the target named by CLAIMTRACE_FUZZ_TARGET with each input it makes; built
/// plainly, it runs that target over the files it is given, to replay a finding.
@main
struct FuzzMain {
    static func main() {
        #if FUZZING
        _ = FuzzTarget.selected
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv, fuzzOneInput))
        #else
        let target = FuzzTarget.selected
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("claimtrace-fuzz: \(path): cannot read\n".utf8))
                exit(1)
            }
            target.run([UInt8](bytes))
            print("\(path): ok")
        }
        #endif
    }
}

extension FuzzTarget {
    /// The target CLAIMTRACE_FUZZ_TARGET names; the program stops with the list when it names none.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["CLAIMTRACE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("claimtrace-fuzz: set CLAIMTRACE_FUZZ_TARGET to one of \(names)\n".utf8))
            exit(2)
        }
        return target
    }()
}

#if FUZZING
/// libFuzzer's driver, for a program that keeps its own `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzTarget.selected.run(size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
