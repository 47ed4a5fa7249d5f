/// The metrics of the catalogue, by the name a task gives in `[metric] name`.
public enum MetricKind: String, CaseIterable, Sendable, Codable, Equatable {
    // Classification on labels.
    case accuracy
    case balancedAccuracy = "balanced_accuracy"
    case precision
    case recall
    case f1
    case fbeta
    case mcc
    case cohenKappa = "cohen_kappa"
    case quadraticWeightedKappa = "quadratic_weighted_kappa"
    // Probabilities and scores.
    case rocAuc = "roc_auc"
    case logLoss = "log_loss"
    case normalizedGini = "normalized_gini"
    // Regression.
    case rmse
    case mse
    case mae
    case medae
    case rmsle
    case mape
    case smape
    case rmspe
    case r2
    case mcrmse
    // Correlation.
    case pearson
    case spearman
    case kendallTau = "kendall_tau"
    // Ranking, sets and text.
    case mapAtK = "map_at_k"
    case ndcgAtK = "ndcg_at_k"
    case jaccard
    case dice
    case levenshtein
    // Counts, quantiles, forecasts and survival.
    case poissonDeviance = "poisson_deviance"
    case pinball
    case mase
    case concordanceIndex = "concordance_index"
    // Positions.
    case haversineKm = "haversine_km"
    /// A task's own `metric.py` (`[metric] python = "metric.py"`).
    case python

    public var higherIsBetter: Bool {
        switch self {
        case .logLoss, .rmse, .mse, .mae, .medae, .rmsle, .mape, .smape, .rmspe, .mcrmse: false
        case .poissonDeviance, .pinball, .mase: false
        case .haversineKm: false
        default: true
        }
    }

    /// Other spellings accepted for a name.
    static let aliases: [String: MetricKind] = [
        "auc": .rocAuc, "roc_auc_score": .rocAuc, "accuracy_score": .accuracy, "balanced_accuracy_score": .balancedAccuracy,
        "f1_score": .f1, "fbeta_score": .fbeta, "precision_score": .precision, "recall_score": .recall,
        "matthews_corrcoef": .mcc, "cohen_kappa_score": .cohenKappa, "qwk": .quadraticWeightedKappa,
        "logloss": .logLoss, "cross_entropy": .logLoss, "gini": .normalizedGini,
        "mean_squared_error": .mse, "root_mean_squared_error": .rmse, "mean_absolute_error": .mae,
        "median_absolute_error": .medae, "root_mean_squared_log_error": .rmsle,
        "mean_absolute_percentage_error": .mape, "r2_score": .r2, "pearsonr": .pearson, "spearmanr": .spearman,
        "kendalltau": .kendallTau, "map@k": .mapAtK, "mapk": .mapAtK, "ndcg@k": .ndcgAtK, "ndcg": .ndcgAtK,
        "ndcg_score": .ndcgAtK, "iou": .jaccard, "jaccard_score": .jaccard, "dice_score": .dice,
        "normalized_levenshtein": .levenshtein, "levenshtein_similarity": .levenshtein,
        "mean_poisson_deviance": .poissonDeviance, "pinball_loss": .pinball, "mean_pinball_loss": .pinball,
        "quantile_loss": .pinball, "mean_absolute_scaled_error": .mase, "c_index": .concordanceIndex,
        "cindex": .concordanceIndex, "concordance_index_censored": .concordanceIndex,
        "haversine": .haversineKm, "great_circle_km": .haversineKm,
    ]

    public static func named(_ name: String) -> MetricKind? {
        let key = name.lowercased().replacingOccurrences(of: "-", with: "_").trimmingCharacters(in: .whitespaces)
        if key == "python" { return nil }
        return MetricKind(rawValue: key) ?? aliases[key]
    }

    public static var knownNames: String { allCases.filter { $0 != .python }.map(\.rawValue).joined(separator: ", ") }

    public var displayName: String {
        switch self {
        case .accuracy: "accuracy"
        case .balancedAccuracy: "balanced accuracy"
        case .precision: "precision"
        case .recall: "recall"
        case .f1: "F1"
        case .fbeta: "F-beta"
        case .mcc: "Matthews correlation"
        case .cohenKappa: "Cohen's kappa"
        case .quadraticWeightedKappa: "quadratic weighted kappa"
        case .rocAuc: "ROC AUC"
        case .logLoss: "log loss"
        case .normalizedGini: "normalized Gini"
        case .rmse: "RMSE"
        case .mse: "MSE"
        case .mae: "MAE"
        case .medae: "median absolute error"
        case .rmsle: "RMSLE"
        case .mape: "MAPE"
        case .smape: "SMAPE"
        case .rmspe: "RMSPE"
        case .r2: "R²"
        case .mcrmse: "MCRMSE"
        case .pearson: "Pearson correlation"
        case .spearman: "Spearman correlation"
        case .kendallTau: "Kendall's tau"
        case .mapAtK: "MAP@K"
        case .ndcgAtK: "NDCG@K"
        case .jaccard: "Jaccard index"
        case .dice: "Dice coefficient"
        case .levenshtein: "normalized Levenshtein similarity"
        case .poissonDeviance: "mean Poisson deviance"
        case .pinball: "pinball loss"
        case .mase: "MASE"
        case .concordanceIndex: "concordance index"
        case .haversineKm: "mean haversine distance (km)"
        case .python: "task metric (metric.py)"
        }
    }

    /// What a submission's target cells hold.
    public var targetKind: Metric.TargetKind {
        switch self {
        case .accuracy, .balancedAccuracy, .precision, .recall, .f1, .fbeta, .mcc, .cohenKappa, .quadraticWeightedKappa: .labels
        case .logLoss: .probabilities
        case .rocAuc, .normalizedGini, .ndcgAtK: .scores
        case .rmse, .mse, .mae, .medae, .rmsle, .mape, .smape, .rmspe, .r2, .mcrmse, .pearson, .spearman, .kendallTau: .numbers
        case .mapAtK, .jaccard, .dice: .labelLists
        case .levenshtein: .text
        case .poissonDeviance, .pinball, .mase: .numbers
        case .concordanceIndex: .scores
        case .haversineKm: .numbers
        case .python: .any
        }
    }

    /// The arguments this metric takes in `[metric.args]`.
    var argumentNames: Set<String> {
        switch self {
        case .precision, .recall, .f1: ["average", "pos_label"]
        case .fbeta: ["average", "pos_label", "beta"]
        case .rocAuc: ["average", "pos_label", "multi_class"]
        case .logLoss: ["pos_label"]
        case .cohenKappa: ["weights"]
        case .mapAtK, .ndcgAtK: ["k"]
        case .pinball: ["alpha", "alphas"]
        case .concordanceIndex: ["tied_tol"]
        case .python: ["timeout_s"]
        default: []
        }
    }
}
