"""Known-wrong answers for 03_regression_gd: each must lose its test cell's points (tools.gradecheck)."""

from grading.mutants import edit

# fit_linear_gd mistakes, written as edits of the reference answer
FIT_OFF_BY_ONE = edit(("range(epochs)", "range(1, epochs)"))
FIT_NOT_UNSCALED = edit(("return float(a_z / s), float(b_z - a_z * m / s), history", "return float(a_z), float(b_z), history"))
FIT_INPLACE = edit(("    z = (x - m) / s\n", "    x -= m\n    x /= s\n    z = x\n"))
FIT_HISTORY_AFTER = edit((
    "        history.append(mse(a_z * z + b_z, y))\n        a_z, b_z = grad_step(a_z, b_z, z, y, lr)",
    "        a_z, b_z = grad_step(a_z, b_z, z, y, lr)\n        history.append(mse(a_z * z + b_z, y))",
))

MSE_SUM = '''
def mse(y_pred, y_true):
    y_pred, y_true = np.asarray(y_pred, dtype=float), np.asarray(y_true, dtype=float)
    if y_pred.shape != y_true.shape:
        raise ValueError("shape")
    return float(np.sum((y_pred - y_true) ** 2))
'''

MSE_NO_SHAPE_CHECK = '''
def mse(y_pred, y_true):
    return float(np.mean((y_pred - y_true) ** 2))
'''

GRAD_ASCENT = '''
def grad_step(a, b, x, y, lr):
    err = a * x + b - y
    return float(a + lr * 2 * np.mean(err * x)), float(b + lr * 2 * np.mean(err))
'''

GRAD_NO_FACTOR_2 = '''
def grad_step(a, b, x, y, lr):
    err = a * x + b - y
    return float(a - lr * np.mean(err * x)), float(b - lr * np.mean(err))
'''

GRAD_SUM = '''
def grad_step(a, b, x, y, lr):
    err = a * x + b - y
    return float(a - lr * 2 * np.sum(err * x)), float(b - lr * 2 * np.sum(err))
'''

GRAD_SEQUENTIAL = '''
def grad_step(a, b, x, y, lr):
    a = a - lr * 2 * np.mean((a * x + b - y) * x)
    b = b - lr * 2 * np.mean(a * x + b - y)   # uses the already-updated a
    return float(a), float(b)
'''

FIT_NO_STANDARDISE = '''
def fit_linear_gd(x, y, lr=0.1, epochs=200):
    a = b = 0.0
    history = []
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            history.append(float(np.mean((a * x + b - y) ** 2)))
            a, b = grad_step(a, b, x, y, lr)
    return float(a), float(b), history
'''

SIGMOID_EXP_PLUS = '''
def sigmoid(t):
    return 1.0 / (1.0 + np.exp(t))
'''

SIGMOID_PRECEDENCE = '''
def sigmoid(t):
    return 1 / 1 + np.exp(-t)
'''

BCE_NO_CLIP = '''
def bce(p, y, eps=1e-12):
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''

BCE_SWAPPED = '''
def bce(p, y, eps=1e-12):
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log(1 - p) + (1 - y) * np.log(p)))
'''

BCE_INPLACE_CLIP = '''
def bce(p, y, eps=1e-12):
    p[p < eps] = eps
    p[p > 1 - eps] = 1 - eps
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''

BCE_NO_MINUS = '''
def bce(p, y, eps=1e-12):
    p = np.clip(p, eps, 1 - eps)
    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
'''

LOGI_LINEAR_GRADIENT = '''
def fit_logistic(x, y, lr=0.1, epochs=5000):
    a = b = 0.0
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            p = a * x + b              # forgot the sigmoid
            a, b = a - lr * np.mean((p - y) * x), b - lr * np.mean(p - y)
    return float(a), float(b)
'''

LOGI_MSE_GRADIENT = '''
def fit_logistic(x, y, lr=0.1, epochs=5000):
    a = b = 0.0
    for _ in range(epochs):
        p = sigmoid(a * x + b)
        d = (p - y) * p * (1 - p)      # MSE gradient through the sigmoid, not BCE
        a, b = a - lr * np.mean(d * x), b - lr * np.mean(d)
    return float(a), float(b)
'''

LOGI_OFF_BY_ONE = '''
def fit_logistic(x, y, lr=0.1, epochs=5000):
    a = b = 0.0
    for _ in range(1, epochs):
        p = sigmoid(a * x + b)
        a, b = a - lr * np.mean((p - y) * x), b - lr * np.mean(p - y)
    return float(a), float(b)
'''

LOGI_SEQUENTIAL = '''
def fit_logistic(x, y, lr=0.1, epochs=5000):
    a = b = 0.0
    for _ in range(epochs):
        a = a - lr * np.mean((sigmoid(a * x + b) - y) * x)
        b = b - lr * np.mean(sigmoid(a * x + b) - y)   # recomputed with the new a
    return float(a), float(b)
'''

LOGI_ASCENT = '''
def fit_logistic(x, y, lr=0.1, epochs=5000):
    a = b = 0.0
    for _ in range(epochs):
        p = sigmoid(a * x + b)
        a, b = a + lr * np.mean((p - y) * x), b + lr * np.mean(p - y)
    return float(a), float(b)
'''

MUTANTS = {
    "ex_mse": [
        ("sum_not_mean", MSE_SUM),
        ("no_shape_check", MSE_NO_SHAPE_CHECK),
    ],
    "ex_grad_step": [
        ("ascent", GRAD_ASCENT),
        ("no_factor_2", GRAD_NO_FACTOR_2),
        ("sum_not_mean", GRAD_SUM),
        ("sequential_update", GRAD_SEQUENTIAL),
    ],
    "ex_fit_linear_gd": [
        ("off_by_one", FIT_OFF_BY_ONE),
        ("not_unscaled", FIT_NOT_UNSCALED),
        ("no_standardise", FIT_NO_STANDARDISE),
        ("inplace_standardise", FIT_INPLACE),
        ("history_after_step", FIT_HISTORY_AFTER),
    ],
    "ex_sigmoid": [
        ("exp_plus", SIGMOID_EXP_PLUS),
        ("precedence", SIGMOID_PRECEDENCE),
    ],
    "ex_bce": [
        ("no_clip", BCE_NO_CLIP),
        ("swapped_terms", BCE_SWAPPED),
        ("inplace_clip", BCE_INPLACE_CLIP),
        ("no_minus", BCE_NO_MINUS),
    ],
    "ex_fit_logistic": [
        ("linear_gradient", LOGI_LINEAR_GRADIENT),
        ("mse_gradient", LOGI_MSE_GRADIENT),
        ("off_by_one", LOGI_OFF_BY_ONE),
        ("sequential_update", LOGI_SEQUENTIAL),
        ("ascent", LOGI_ASCENT),
    ],
}
