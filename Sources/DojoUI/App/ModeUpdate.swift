/// What a mode of the workbench provides (`AppMode`'s cases: `ForkUpdate`, `CopilotUpdate`,
/// `WatchUpdate`, `ReplayUpdate`, `PickerUpdate`), each on its own state beside the shared workbench.
/// `AppUpdate.route` and `AppUpdate.modeStatus` call these; nothing else switches on the mode.
protocol ModeUpdate {
    associatedtype State
    /// The mode's own keys, before the workbench's key map; nil lets the workbench handle the key.
    static func handle(_ key: Key, _ mode: inout State, _ state: inout AppState) -> [Effect]?
    /// The mode's share of any other event, after the workbench's.
    static func update(_ event: AppEvent, _ mode: inout State, _ state: inout AppState) -> [Effect]
    /// The mode's part of the status bar, its hints from the key map.
    static func status(_ mode: State, _ state: AppState) -> ModeStatus
}

extension ModeUpdate {
    static func handle(_ key: Key, _ mode: inout State, _ state: inout AppState) -> [Effect]? { nil }

    /// A key goes to `handle`, any other event to `update`.
    static func route(_ event: AppEvent, _ mode: inout State, _ state: inout AppState) -> [Effect]? {
        if case .key(let key) = event { return handle(key, &mode, &state) }
        return update(event, &mode, &state)
    }
}
