"""Known-wrong answers for 03_regression_gd: each must lose its test cell's points (tools.gradecheck).
CORRECT: right answers in other styles the instructions allow; each must keep its points (grading.fastcheck)."""

from grading.mutants import edit

# ---------------------------------------------------------------- huber
HUBER_NO_HALF = edit(("0.5 * r**2", "r**2"))
HUBER_NO_SHIFT = edit(("delta * (r - 0.5 * delta)", "delta * r"))
HUBER_SIGNED = '''
def huber(y_pred, y_true, delta=1.0):
    y_pred, y_true = np.asarray(y_pred, dtype=float), np.asarray(y_true, dtype=float)
    if y_pred.shape != y_true.shape:
        raise ValueError("shape")
    r = y_pred - y_true                      # forgot the absolute value
    return float(np.mean(np.where(np.abs(r) <= delta, 0.5 * r**2, delta * (r - 0.5 * delta))))
'''
HUBER_NO_SHAPE_CHECK = '''
def huber(y_pred, y_true, delta=1.0):
    r = np.abs(np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float))
    return float(np.mean(np.where(r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta))))
'''
HUBER_DELTA_IGNORED = edit(("r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta)", "r <= 1.0, 0.5 * r**2, r - 0.5"))
HUBER_INT_STAYS_INT = '''
def huber(y_pred, y_true, delta=1.0):
    y_pred, y_true = np.asarray(y_pred), np.asarray(y_true)
    if y_pred.shape != y_true.shape:
        raise ValueError("shape")
    r = np.abs(y_pred - y_true)
    return float(np.mean(np.where(r <= delta, r * r // 2, delta * (r - 0.5 * delta))))   # integer halving
'''

# ---------------------------------------------------------------- grad_step
GRAD_INPLACE = '''
def grad_step(w, b, X, y, lr):
    err = X @ w + b - y
    w -= lr * 2.0 / len(y) * (X.T @ err)       # changes the caller's array
    return w, float(b - lr * 2.0 * np.mean(err))
'''
GRAD_NO_FACTOR_2 = edit(("grad_w = 2.0 / n * (X.T @ err)", "grad_w = 1.0 / n * (X.T @ err)"))
GRAD_SUM = edit(("grad_w = 2.0 / n * (X.T @ err)", "grad_w = 2.0 * (X.T @ err)"),
                ("grad_b = 2.0 / n * np.sum(err)", "grad_b = 2.0 * np.sum(err)"))
GRAD_SEQUENTIAL = '''
def grad_step(w, b, X, y, lr):
    n = len(y)
    w = w - lr * 2.0 / n * (X.T @ (X @ w + b - y))
    b = b - lr * 2.0 / n * np.sum(X @ w + b - y)    # uses the already-updated w
    return w, float(b)
'''
GRAD_WRONG_AXIS = '''
def grad_step(w, b, X, y, lr):
    err = X @ w + b - y
    grad_w = 2.0 * np.mean(X * err[:, None], axis=1)[: len(w)]   # averaged over features, not samples
    return w - lr * grad_w, float(b - lr * 2.0 * np.mean(err))
'''

# ---------------------------------------------------------------- fit_linear_gd
FIT_NO_UNSCALE = edit(("return w_z / s, float(b_z - np.sum(w_z * m / s)), epochs",
                       "return w_z, float(b_z), epochs"))
FIT_FORGETS_SHIFT = edit(("return w_z / s, float(b_z - np.sum(w_z * m / s)), epochs",
                          "return w_z / s, float(b_z), epochs"))
FIT_GLOBAL_STD = edit(("m, s = X.mean(axis=0), X.std(axis=0)", "m, s = X.mean(axis=0), X.std()"))
FIT_ONLY_W_RULE = edit(("if max(np.max(np.abs(grad_w)), abs(grad_b)) < tol or epochs == max_epochs:",
                        "if np.max(np.abs(grad_w)) < tol or epochs == max_epochs:"))
FIT_COUNT_OFF_BY_ONE = edit(("return w_z / s, float(b_z - np.sum(w_z * m / s)), epochs",
                             "return w_z / s, float(b_z - np.sum(w_z * m / s)), epochs + 1"))
FIT_FIXED_EPOCHS = '''
def fit_linear_gd(X, y, lr=0.1, tol=1e-6, max_epochs=10_000):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    m, s = X.mean(axis=0), X.std(axis=0)
    Z = (X - m) / s
    w_z, b_z = np.zeros(X.shape[1]), 0.0
    for _ in range(200):                          # the lecture's fixed 200 epochs, no stopping rule
        w_z, b_z = grad_step(w_z, b_z, Z, y, lr)
    return w_z / s, float(b_z - np.sum(w_z * m / s)), 200
'''

# ---------------------------------------------------------------- FASTEST (the experiment)
FASTEST_LARGEST_STABLE = '''
def final_loss(x, y, lr, epochs=200):
    w, b = np.zeros(1), 0.0
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            w, b = grad_step(w, b, x[:, None], y, lr)
        return np.mean((x * w[0] + b - y) ** 2)

z = (bill - bill.mean()) / bill.std()
FASTEST = {}
for kind, feature in [("raw", bill), ("standardised", z)]:
    start = np.mean(tip ** 2)
    stable = [lr for lr in LR_GRID if np.isfinite(final_loss(feature, tip, lr)) and final_loss(feature, tip, lr) < start]
    lr = max(stable)                              # the largest stable rate, assumed to be the fastest
    w, b, k = np.zeros(1), 0.0, 0
    xm = feature.mean()
    a_s = ((feature - xm) * (tip - tip.mean())).sum() / ((feature - xm) ** 2).sum()
    target = 1.01 * np.mean((a_s * feature + tip.mean() - a_s * xm - tip) ** 2)
    while np.mean((feature * w[0] + b - tip) ** 2) > target:
        w, b = grad_step(w, b, feature[:, None], tip, lr)
        k += 1
    FASTEST[kind] = (float(lr), k)
'''
FASTEST_COUNTS_HISTORY_LENGTH = edit(("FASTEST[kind] = (float(best[1]), int(best[0]))",
                                      "FASTEST[kind] = (float(best[1]), int(best[0]) + 1)"))
FASTEST_NOT_STANDARDISED = edit(("z = (bill - bill.mean()) / bill.std()", "z = bill - bill.mean()"))
FASTEST_NUMPY_INT = edit(("FASTEST[kind] = (float(best[1]), int(best[0]))",
                          "FASTEST[kind] = (float(best[1]), np.int64(best[0]))"))

# ---------------------------------------------------------------- sigmoid
SIGMOID_LECTURE = '''
def sigmoid(t):
    t = np.asarray(t, dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-t))            # the lecture's form: exp(-t) overflows for t < -709
'''
SIGMOID_CLIPPED = '''
def sigmoid(t):
    t = np.clip(np.asarray(t, dtype=np.float64), -500, 500)
    return 1.0 / (1.0 + np.exp(-t))
'''
SIGMOID_TANH = '''
def sigmoid(t):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(t, dtype=np.float64)))   # loses tiny tail probabilities
'''
SIGMOID_KEEPS_FLOAT32 = edit(("t = np.asarray(t, dtype=np.float64)", "t = np.asarray(t, dtype=float) if np.asarray(t).dtype.kind in 'iu' else np.asarray(t)"))
SIGMOID_ONE_MINUS = '''
def sigmoid(t):
    t = np.asarray(t, dtype=np.float64)
    out = np.empty_like(t)
    pos = t >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-t[pos]))
    out[~pos] = 1.0 - 1.0 / (1.0 + np.exp(t[~pos]))   # cancels to 0 for large negative t
    return out
'''

# ---------------------------------------------------------------- bce_logits
BCE_VIA_CLIPPED_PROB = '''
def bce_logits(z, y, pos_weight=1.0):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    if z.shape != y.shape:
        raise ValueError("shape")
    p = np.clip(sigmoid(z), 1e-12, 1 - 1e-12)     # the lecture's clipped bce on sigmoid(z)
    return float(-np.mean(pos_weight * y * np.log(p) + (1 - y) * np.log(1 - p)))
'''
BCE_NAIVE_SOFTPLUS = edit(("return np.maximum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))",
                           "return np.log(1.0 + np.exp(u))"))
BCE_WEIGHT_ON_NEGATIVES = edit(("pos_weight * y * softplus(-z) + (1.0 - y) * softplus(z)",
                                "y * softplus(-z) + pos_weight * (1.0 - y) * softplus(z)"))
BCE_WEIGHTED_MEAN = edit(("return float(np.mean(pos_weight * y * softplus(-z) + (1.0 - y) * softplus(z)))",
                          "wt = pos_weight * y + (1.0 - y)\n"
                          "    return float(np.sum(pos_weight * y * softplus(-z) + (1.0 - y) * softplus(z)) / np.sum(wt))"))
BCE_SWAPPED = edit(("pos_weight * y * softplus(-z) + (1.0 - y) * softplus(z)",
                    "pos_weight * y * softplus(z) + (1.0 - y) * softplus(-z)"))

# ---------------------------------------------------------------- fit_logistic
LOGI_WEIGHT_IGNORED = edit(("r = pos_weight * y * (p - 1.0) + (1.0 - y) * p", "r = p - y"))
LOGI_WEIGHT_EVERYWHERE = edit(("r = pos_weight * y * (p - 1.0) + (1.0 - y) * p", "r = pos_weight * (p - y)"))
LOGI_MSE_GRADIENT = edit(("r = pos_weight * y * (p - 1.0) + (1.0 - y) * p",
                          "r = (pos_weight * y * (p - 1.0) + (1.0 - y) * p) * p * (1.0 - p)"))
LOGI_SEQUENTIAL = edit(("w, b = w - lr * (X.T @ r) / len(y), b - lr * np.mean(r)",
                        "w = w - lr * (X.T @ r) / len(y)\n"
                        "        p = sigmoid(X @ w + b)\n"
                        "        b = b - lr * np.mean(pos_weight * y * (p - 1.0) + (1.0 - y) * p)"))
LOGI_OFF_BY_ONE = edit(("for _ in range(epochs):", "for _ in range(epochs - 1):"))
# blind review: loops that do not run exactly `epochs` times, b an int when epochs = 0
LOGI_CAP_500 = edit(("for _ in range(epochs):", "for _ in range(min(epochs, 500)):"))
LOGI_EARLY_STOP = edit(("        w, b = w - lr * (X.T @ r) / len(y), b - lr * np.mean(r)",
                        "        if max(np.abs(X.T @ r).max() / len(y), abs(np.mean(r))) < 1e-8:\n"
                        "            break\n"
                        "        w, b = w - lr * (X.T @ r) / len(y), b - lr * np.mean(r)"))
LOGI_INT_B = edit(("w, b = np.zeros(X.shape[1]), 0.0", "w, b = np.zeros(X.shape[1]), 0"),
                  ("return w, float(b)", "return w, b"))

# blind review: inputs changed after the result was computed (message must say so)
HUBER_POST_MUTATES = edit(("    return float(np.mean(loss))",
                           "    out = float(np.mean(loss))\n    y_true_in.sort()\n    return out"),
                          ("    y_pred = np.asarray(y_pred, dtype=np.float64)\n",
                           "    y_true_in = y_true\n    y_pred = np.asarray(y_pred, dtype=np.float64)\n"))
SIGMOID_POST_MUTATES_INF = edit(("    t = np.asarray(t, dtype=np.float64)\n", "    t_in = t\n    t = np.asarray(t, dtype=np.float64)\n"),
                                ("    out[~pos] = e / (1.0 + e)\n    return out",
                                 "    out[~pos] = e / (1.0 + e)\n    out = out.copy()\n"
                                 "    if isinstance(t_in, np.ndarray) and t_in.dtype.kind == 'f':\n"
                                 "        np.nan_to_num(t_in, copy=False, posinf=1e300, neginf=-1e300)\n    return out"))
BCE_POST_CLIPS_Z = edit(("    z = np.asarray(z, dtype=np.float64)\n", "    z_in = z\n    z = np.asarray(z, dtype=np.float64)\n"),
                        ("    return float(np.mean(pos_weight * y * softplus(-z) + (1.0 - y) * softplus(z)))",
                         "    out = float(np.mean(pos_weight * y * softplus(-z) + (1.0 - y) * softplus(z)))\n"
                         "    if z_in.dtype.kind == 'f':\n        np.clip(z_in, -100, 100, out=z_in)\n    return out"))

MUTANTS = {
    "ex_huber": [
        ("no_half", HUBER_NO_HALF),
        ("no_shift_in_linear_part", HUBER_NO_SHIFT),
        ("signed_residual", HUBER_SIGNED),
        ("no_shape_check", HUBER_NO_SHAPE_CHECK),
        ("delta_ignored", HUBER_DELTA_IGNORED),
        ("post_mutates_y_true", HUBER_POST_MUTATES),
    ],
    "ex_grad_step": [
        ("inplace_w", GRAD_INPLACE),
        ("no_factor_2", GRAD_NO_FACTOR_2),
        ("sum_not_mean", GRAD_SUM),
        ("sequential_update", GRAD_SEQUENTIAL),
        ("mean_over_features", GRAD_WRONG_AXIS),
    ],
    "ex_fit_linear_gd": [
        ("not_unscaled", FIT_NO_UNSCALE),
        ("forgets_intercept_shift", FIT_FORGETS_SHIFT),
        ("one_std_for_all_columns", FIT_GLOBAL_STD),
        ("stops_on_w_only", FIT_ONLY_W_RULE),
        ("count_off_by_one", FIT_COUNT_OFF_BY_ONE),
        ("fixed_200_epochs", FIT_FIXED_EPOCHS),
    ],
    "ex_fastest_lr": [
        ("largest_stable_rate", FASTEST_LARGEST_STABLE),
        ("counts_history_length", FASTEST_COUNTS_HISTORY_LENGTH),
        ("centred_not_standardised", FASTEST_NOT_STANDARDISED),
        ("numpy_int", FASTEST_NUMPY_INT),
    ],
    "ex_sigmoid": [
        ("np_where_warns", '''
def sigmoid(t):
    t = np.asarray(t, dtype=np.float64)
    return np.where(t >= 0, 1.0 / (1.0 + np.exp(-t)), np.exp(t) / (1.0 + np.exp(t)))
'''),
        ("lecture_form_overflows", SIGMOID_LECTURE),
        ("clipped_input", SIGMOID_CLIPPED),
        ("tanh_form", SIGMOID_TANH),
        ("keeps_float32", SIGMOID_KEEPS_FLOAT32),
        ("one_minus_cancels", SIGMOID_ONE_MINUS),
        ("post_mutates_inf", SIGMOID_POST_MUTATES_INF),
    ],
    "ex_bce_logits": [
        ("clipped_probability", BCE_VIA_CLIPPED_PROB),
        ("naive_softplus_overflows", BCE_NAIVE_SOFTPLUS),
        ("weight_on_negatives", BCE_WEIGHT_ON_NEGATIVES),
        ("weighted_mean", BCE_WEIGHTED_MEAN),
        ("swapped_terms", BCE_SWAPPED),
        ("post_clips_z", BCE_POST_CLIPS_Z),
    ],
    "ex_fit_logistic": [
        ("pos_weight_ignored", LOGI_WEIGHT_IGNORED),
        ("pos_weight_on_all", LOGI_WEIGHT_EVERYWHERE),
        ("mse_gradient", LOGI_MSE_GRADIENT),
        ("sequential_update", LOGI_SEQUENTIAL),
        ("off_by_one", LOGI_OFF_BY_ONE),
        ("caps_epochs_500", LOGI_CAP_500),
        ("early_stop_1e-8", LOGI_EARLY_STOP),
        ("int_b_when_epochs_0", LOGI_INT_B),
    ],
}

CORRECT = {
    "ex_huber": [
        ("masks_and_loop", '''
def huber(y_pred, y_true, delta=1.0):
    a = np.array(y_pred, dtype=float).ravel() if np.shape(y_pred) == np.shape(y_true) else None
    if a is None:
        raise ValueError("모양이 다릅니다")
    r = np.abs(a - np.array(y_true, dtype=float).ravel())
    small = r <= delta
    total = np.sum(0.5 * r[small] ** 2) + np.sum(delta * (r[~small] - delta / 2))
    return total / r.size
'''),
    ],
    "ex_grad_step": [
        ("loop_over_samples", '''
def grad_step(w, b, X, y, lr):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    gw, gb = np.zeros(X.shape[1]), 0.0
    for i in range(n):
        e = X[i] @ w + b - y[i]
        gw += 2 * e * X[i] / n
        gb += 2 * e / n
    return w - lr * gw, float(b - lr * gb)
'''),
    ],
    "ex_fit_linear_gd": [
        ("for_loop_with_grad_step", '''
def fit_linear_gd(X, y, lr=0.1, tol=1e-6, max_epochs=10_000):
    X = np.array(X, dtype=float)
    m, s = X.mean(0), X.std(0)
    Z = (X - m) / s
    w, b = np.zeros(X.shape[1]), 0.0
    for k in range(max_epochs + 1):
        e = Z @ w + b - y
        g = np.append(2 * Z.T @ e / len(y), 2 * e.mean())
        if np.all(np.abs(g) < tol) or k == max_epochs:
            break
        w, b = grad_step(w, b, Z, y, lr)
    return w / s, b - (w * m / s).sum(), k
'''),
    ],
    "ex_fastest_lr": [
        ("hand_written_loop", '''
z = (bill - bill.mean()) / bill.std()
FASTEST = {}
for kind, x in (("raw", bill), ("standardised", z)):
    a_s, b_s = np.polyfit(x, tip, 1)
    target = 1.01 * np.mean((a_s * x + b_s - tip) ** 2)
    best = None
    for lr in LR_GRID:
        a = b = 0.0
        with np.errstate(all="ignore"):
            for k in range(5001):
                e = a * x + b - tip
                if np.mean(e ** 2) <= target:
                    if best is None or k < best[1]:
                        best = (lr, k)
                    break
                a, b = a - lr * 2 * np.mean(e * x), b - lr * 2 * np.mean(e)
    FASTEST[kind] = best
'''),
    ],
    "ex_sigmoid": [
        ("exp_of_minus_abs", '''
def sigmoid(t):
    t = np.array(t, dtype=np.float64)
    e = np.exp(-np.abs(t))                 # never overflows
    return np.where(t >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
'''),
    ],
    "ex_bce_logits": [
        # blind review: the displayed formula typed literally with log (0.0 instead of ~4e-18 at z = 40)
        ("log_not_log1p", edit(("np.log1p(np.exp(-np.abs(u)))", "np.log(1.0 + np.exp(-np.abs(u)))"))),
        ("logaddexp", '''
def bce_logits(z, y, pos_weight=1.0):
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    if z.shape != y.shape:
        raise ValueError("모양이 다릅니다")
    return np.mean(pos_weight * y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z))
'''),
    ],
    "ex_fit_logistic": [
        ("per_sample_weights", '''
def fit_logistic(X, y, lr=0.1, epochs=1000, pos_weight=1.0):
    X, y = np.array(X, dtype=float), np.array(y, dtype=float)
    wt = np.where(y == 1, pos_weight, 1.0)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        p = sigmoid(X @ w + b)
        r = wt * (p - y)
        gw, gb = X.T @ r / len(y), r.mean()
        w, b = w - lr * gw, b - lr * gb
    return w, float(b)
'''),
    ],
}
