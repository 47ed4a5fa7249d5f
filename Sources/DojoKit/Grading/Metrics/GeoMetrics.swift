import Foundation

/// Distances on the Earth's surface between predicted and true positions given in degrees.
public enum GeoMetrics {
    /// The mean Earth radius (IUGG), in kilometres: the radius `haversine_km` uses.
    public static let earthRadiusKm = 6371.0088

    /// The mean great-circle distance in km between (latitude, longitude) pairs in degrees, by the
    /// haversine formula exactly as scikit-learn's `haversine_distances` evaluates it (degrees to radians
    /// as numpy's `radians`), times `earthRadiusKm`. Latitudes must lie in [−90, 90]; longitudes may be
    /// any finite number (360° apart is the same meridian).
    public static func haversineKm(truthLatitude: [Double], truthLongitude: [Double],
                                   predictedLatitude: [Double], predictedLongitude: [Double]) throws(DojoError) -> Double {
        let n = truthLatitude.count
        guard n > 0, truthLongitude.count == n, predictedLatitude.count == n, predictedLongitude.count == n else {
            throw DojoError(.grading, "haversine_km needs as many latitudes as longitudes on both sides, and at least one row")
        }
        if let bad = truthLatitude.first(where: { !(-90...90).contains($0) }) {
            throw DojoError(.grading, "the answers hold the latitude \(bad), outside [−90, 90]",
                            hint: "the first target column of haversine_km is the latitude in degrees; check the task's answers")
        }
        let radians = Double.pi / 180
        var total = 0.0
        for i in 0..<n {
            let lat1 = truthLatitude[i] * radians, lon1 = truthLongitude[i] * radians
            let lat2 = predictedLatitude[i] * radians, lon2 = predictedLongitude[i] * radians
            let sin0 = Foundation.sin(0.5 * (lat1 - lat2))
            let sin1 = Foundation.sin(0.5 * (lon1 - lon2))
            // Rounding can push the antipodal case a hair above 1, where asin is undefined: clamp.
            let h = min(1, sin0 * sin0 + Foundation.cos(lat1) * Foundation.cos(lat2) * sin1 * sin1)
            total += 2 * Foundation.asin(h.squareRoot())
        }
        return earthRadiusKm * (total / Double(n))
    }
}
