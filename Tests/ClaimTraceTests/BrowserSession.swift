import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol on a pair of pipes
/// (`--remote-debugging-pipe`): it opens pages, runs scripts in them as the page's own and
/// keeps every line the console printed. Pipes rather than a debugging port, so nothing
/// listens on the network and two test runs never meet.
final class BrowserSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Console messages, uncaught exceptions and the browser's own log lines (blocked
    /// resources, policy violations), in the order they came.
    private(set) var console: [String] = []
    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: TemporaryDirectory
    private var session = ""
    private var nextID = 0
    private var received: [UInt8] = []
    private var loads = 0
    private var quitted = false

    init(browser: String) throws {
        profile = try TemporaryDirectory()
        // The browser reads commands on descriptor 3 and writes answers on 4.
        var commands: [Int32] = [0, 0], answers: [Int32] = [0, 0]
        guard pipe(&commands) == 0, pipe(&answers) == 0 else { throw Failure(description: "no pipes: \(errno)") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Moved out of the way first, so that neither pipe already sits on 3 or 4.
        let readEnd = fcntl(commands[0], F_DUPFD_CLOEXEC, 100), writeEnd = fcntl(answers[1], F_DUPFD_CLOEXEC, 100)
        close(commands[0]); close(answers[1])
        posix_spawn_file_actions_adddup2(&actions, readEnd, 3)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 4)
        let null = Glibc.open("/dev/null", O_WRONLY | O_CLOEXEC)
        posix_spawn_file_actions_adddup2(&actions, null, 1)
        posix_spawn_file_actions_adddup2(&actions, null, 2)
        _ = fcntl(commands[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(answers[0], F_SETFD, FD_CLOEXEC)
        let arguments = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                         "--user-data-dir=\(profile.path)", "--remote-debugging-pipe", "--window-size=1200,900", "about:blank"]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, browser, &actions, nil, &argv, environ)
        close(readEnd); close(writeEnd); close(null)
        guard status == 0 else {
            close(commands[1]); close(answers[0])
            profile.cleanup()
            throw Failure(description: "\(browser) did not start: \(status)")
        }
        pid = child
        toBrowser = commands[1]
        fromBrowser = answers[0]

        let target = try call("Target.createTarget", ["url": "about:blank"], inSession: false)
        let targetID = try Self.string(target["targetId"])
        session = try Self.string(try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], inSession: false)["sessionId"])
        for domain in ["Page", "Runtime", "Log"] { _ = try call("\(domain).enable") }
    }

    deinit { quit() }

    /// Opens `url` and returns once its load event has fired.
    func open(_ url: String, timeout: Double = 60) throws {
        try waitingForLoad(timeout: timeout) { _ = try call("Page.navigate", ["url": url]) }
    }

    /// Runs `action` (one that makes the page navigate) and returns once the new page has loaded.
    func waitingForLoad(timeout: Double = 60, _ action: () throws -> Void) throws {
        let before = loads
        try action()
        let deadline = Date().addingTimeInterval(timeout)
        while loads == before {
            guard let message = try receive(until: deadline) else { throw Failure(description: "the page did not load in \(timeout) s") }
            note(message)
        }
    }

    /// The value of a script run in the page, awaited if it is a promise; a script's own
    /// exception is a failure.
    @discardableResult
    func evaluate(_ expression: String) throws -> Any? {
        let answer = try call("Runtime.evaluate", ["expression": expression, "awaitPromise": true, "returnByValue": true])
        if let details = answer["exceptionDetails"] as? [String: Any] {
            let thrown = (details["exception"] as? [String: Any])?["description"] as? String
            throw Failure(description: "the script failed: \(thrown ?? details["text"] as? String ?? "\(details)")")
        }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// Closes the browser and removes its profile.
    func quit() {
        guard !quitted else { return }
        quitted = true
        _ = try? send(["id": -1, "method": "Browser.close"])
        close(toBrowser)
        close(fromBrowser)
        // Browser.close lets it finish on its own; one that does not is stopped.
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(pid, &status, WNOHANG) == 0 { usleep(50_000) }
        if kill(pid, 0) == 0 { kill(pid, SIGKILL); waitpid(pid, &status, 0) }
        profile.cleanup()
    }

    // MARK: The protocol

    private func call(_ method: String, _ parameters: [String: Any] = [:], inSession: Bool = true, timeout: Double = 60) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if inSession { message["sessionId"] = session }
        try send(message)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            guard let answer = try receive(until: deadline) else { throw Failure(description: "no answer to \(method) in \(timeout) s") }
            if answer["id"] as? Int == id {
                if let error = answer["error"] as? [String: Any] { throw Failure(description: "\(method): \(error["message"] ?? error)") }
                return answer["result"] as? [String: Any] ?? [:]
            }
            note(answer)
        }
    }

    private func send(_ message: [String: Any]) throws {
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "the browser stopped reading") }
            sent += n
        }
    }

    /// The next message, or nil when none came before `deadline`.
    private func receive(until deadline: Date) throws -> [String: Any]? {
        while true {
            if let end = received.firstIndex(of: 0) {
                let message = Array(received[..<end])
                received.removeSubrange(...end)
                return try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] ?? [:]
            }
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, left) > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "the browser closed its pipe") }
            received.append(contentsOf: chunk[..<n])
        }
    }

    /// Keeps what an event says about the page: loads and console lines.
    private func note(_ event: [String: Any]) {
        let parameters = event["params"] as? [String: Any] ?? [:]
        switch event["method"] as? String {
        case "Page.loadEventFired":
            loads += 1
        case "Runtime.consoleAPICalled":
            let words = (parameters["args"] as? [[String: Any]] ?? []).map { "\($0["value"] ?? $0["description"] ?? "")" }
            console.append("console.\(parameters["type"] ?? ""): \(words.joined(separator: " "))")
        case "Runtime.exceptionThrown":
            let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
            let thrown = (details["exception"] as? [String: Any])?["description"] as? String
            console.append("exception: \(thrown ?? details["text"] as? String ?? "")")
        case "Log.entryAdded":
            let entry = parameters["entry"] as? [String: Any] ?? [:]
            console.append("\(entry["level"] ?? "") (\(entry["source"] ?? "")): \(entry["text"] ?? "") \(entry["url"] ?? "")")
        default:
            break
        }
    }

    private static func string(_ value: Any?) throws -> String {
        guard let text = value as? String else { throw Failure(description: "the browser answered without \(String(describing: value))") }
        return text
    }
}
