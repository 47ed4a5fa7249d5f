import Foundation

extension TaskSpec {
    /// What one episode of the task asks of the machine that runs it (`[limits] cpus`, `gpus`, with
    /// `memory_mb`): the resource request a cluster scheduler (`dojo eval --ray`) places the episode by.
    public struct Resources: Sendable, Equatable {
        /// CPU cores (fractions allowed: 0.5 shares a core between two episodes).
        public var cpus: Double
        /// Whole GPUs.
        public var gpus: Int

        public static let defaults = Resources(cpus: 1, gpus: 0)

        public init(cpus: Double, gpus: Int) {
            self.cpus = cpus
            self.gpus = gpus
        }
    }
}
