import Foundation

/// Where the all-MiniLM-L6-v2 model files are looked for.
///
/// The files (`model.safetensors`, `vocab.txt`, `config.json`) are never downloaded at run time;
/// the repository's `scripts/fetch-model` puts them in place. The folder is, in order:
/// 1. the folder the caller names (used alone: an explicit choice is never second-guessed);
/// 2. otherwise `$SEEKDB_MODEL_DIR`, if set;
/// 3. otherwise (or if that folder lacks files) the default cache folder
///    `${XDG_CACHE_HOME:-$HOME/.cache}/seekdb-swift/all-MiniLM-L6-v2`.
public enum ModelLocation {
    /// The environment variable naming the model folder: `SEEKDB_MODEL_DIR`.
    public static let environmentVariable = "SEEKDB_MODEL_DIR"

    /// The files a model folder must hold.
    public static let requiredFiles = ["model.safetensors", "vocab.txt", "config.json"]

    /// The default cache folder, `${XDG_CACHE_HOME:-$HOME/.cache}/seekdb-swift/all-MiniLM-L6-v2`.
    ///
    /// - Parameters:
    ///   - environment: The environment to read `XDG_CACHE_HOME` and `HOME` from.
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        let cacheHome: String
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            cacheHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            cacheHome = home + "/.cache"
        }
        return cacheHome + "/seekdb-swift/all-MiniLM-L6-v2"
    }

    /// The folders searched, in order, for a given explicit folder and environment.
    ///
    /// - Parameters:
    ///   - explicitDirectory: A folder named by the caller; when given it is the only candidate.
    ///   - environment: The environment to read `SEEKDB_MODEL_DIR`, `XDG_CACHE_HOME` and `HOME` from.
    public static func candidateDirectories(
        explicitDirectory: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        if let explicitDirectory {
            return [explicitDirectory]
        }
        var candidates: [String] = []
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            candidates.append(fromEnvironment)
        }
        let fallback = defaultDirectory(environment: environment)
        if !candidates.contains(fallback) {
            candidates.append(fallback)
        }
        return candidates
    }

    /// Finds the model folder: the first candidate that holds every required file.
    ///
    /// - Parameters:
    ///   - explicitDirectory: A folder named by the caller, or `nil` to use `SEEKDB_MODEL_DIR`
    ///     and then the default cache folder.
    ///   - environment: The environment to read the variables from.
    /// - Returns: The folder's path, with `.` and `..` components resolved.
    /// - Throws: ``EmbeddingError`` with code ``EmbeddingError/Code/modelNotFound`` naming every
    ///   folder searched, what each lacked, and how to fetch the files.
    public static func resolve(
        explicitDirectory: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        let candidates = candidateDirectories(explicitDirectory: explicitDirectory, environment: environment)
        var problems: [String] = []
        for candidate in candidates {
            let missing = missingFiles(in: candidate)
            if missing.isEmpty {
                return URL(fileURLWithPath: candidate, isDirectory: true).standardizedFileURL.path
            }
            problems.append("\(candidate) (missing \(missing.joined(separator: ", ")))")
        }
        throw EmbeddingError(
            .modelNotFound,
            """
            all-MiniLM-L6-v2 model files not found. Searched: \(problems.joined(separator: "; ")). \
            Run scripts/fetch-model [FOLDER] from the seekdb-swift repository to download them \
            (it writes to $\(environmentVariable) or the default cache folder when no FOLDER is given).
            """
        )
    }

    /// The required files that are absent (or not regular files) in a folder.
    static func missingFiles(in directory: String) -> [String] {
        requiredFiles.filter { file in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory + "/" + file, isDirectory: &isDirectory)
            return !exists || isDirectory.boolValue
        }
    }
}
