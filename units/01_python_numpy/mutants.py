"""Known-wrong answers for 01_python_numpy: each must lose its exercise's points (tools.gradecheck).
CORRECT: right answers in other styles the instructions allow; each must keep its points (grading.fastcheck)."""

from grading.mutants import edit

_TRANSFORM2D = '''
class Transform2D:
    """2×2 행렬 하나로 평면의 점들을 옮기는 선형 변환."""

    def __init__(self, matrix: np.ndarray) -> None:
        {init}

    def apply(self, points: np.ndarray) -> np.ndarray:
        {apply}

    def then(self, other: "Transform2D") -> "Transform2D":
        {then}
'''
_INIT_OK = '''m = np.array(matrix, dtype=np.float64)
        if m.shape != (2, 2):
            raise ValueError("2×2 행렬이 필요합니다")
        self.matrix = m'''
_APPLY_OK = "return np.asarray(points, dtype=np.float64) @ self.matrix.T"
_THEN_OK = "return Transform2D(other.matrix @ self.matrix)"

MUTANTS = {
    "ex_add_vectors": [
        # list + list concatenates instead of adding
        ("concat", '''
def add_vectors(a: list[float], b: list[float]) -> list[float]:
    return a + b
'''),
        # zip silently truncates: no length check
        ("zip_no_check", '''
def add_vectors(a: list[float], b: list[float]) -> list[float]:
    return [x + y for x, y in zip(a, b)]
'''),
        # adds into the caller's list
        ("mutates_input", '''
def add_vectors(a: list[float], b: list[float]) -> list[float]:
    if len(a) != len(b):
        raise ValueError("길이가 다릅니다")
    for i in range(len(a)):
        a[i] += b[i]
    return a
'''),
    ],
    "ex_unit_vectors": [
        # wrong axis: normalises columns instead of rows
        ("axis0", '''
def unit_vectors(V: np.ndarray) -> np.ndarray:
    return V / np.linalg.norm(V, axis=0, keepdims=True)
'''),
        # right axis but no keepdims: (n, d) / (n,) broadcasts along the wrong axis (or fails)
        ("no_keepdims", '''
def unit_vectors(V: np.ndarray) -> np.ndarray:
    return V / np.linalg.norm(V, axis=1)
'''),
        # divides in place: changes the caller's array (and fails on int arrays)
        ("in_place", '''
def unit_vectors(V: np.ndarray) -> np.ndarray:
    V /= np.linalg.norm(V, axis=1, keepdims=True)
    return V
'''),
    ],
    "ex_rotate": [
        # degrees passed to np.cos / np.sin
        ("degrees_not_radians", '''
def rotate(v: np.ndarray, deg: float) -> np.ndarray:
    R = np.array([[np.cos(deg), -np.sin(deg)], [np.sin(deg), np.cos(deg)]])
    return R @ np.asarray(v, dtype=np.float64)
'''),
        # sign error: rotates clockwise
        ("clockwise", '''
def rotate(v: np.ndarray, deg: float) -> np.ndarray:
    t = np.deg2rad(deg)
    R = np.array([[np.cos(t), np.sin(t)], [-np.sin(t), np.cos(t)]])
    return R @ np.asarray(v, dtype=np.float64)
'''),
        # treats the (2, n) columns as rows: v @ R.T (right for one vector, wrong for stacked vectors)
        ("rows_not_columns", '''
def rotate(v: np.ndarray, deg: float) -> np.ndarray:
    t = np.deg2rad(deg)
    R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    return np.asarray(v, dtype=np.float64) @ R.T
'''),
    ],
    "ex_compose": [
        # multiplies left to right: compose(S, R) = S @ R (R applied first)
        ("wrong_order", '''
def compose(*mats: np.ndarray) -> np.ndarray:
    if len(mats) == 0:
        raise ValueError("행렬이 없습니다")
    out = mats[0]
    for m in mats[1:]:
        out = out @ m
    return out
'''),
        # '*' instead of '@'
        ("elementwise", '''
def compose(*mats: np.ndarray) -> np.ndarray:
    if len(mats) == 0:
        raise ValueError("행렬이 없습니다")
    out = mats[0]
    for m in mats[1:]:
        out = m * out
    return out
'''),
        # forgets the empty case (IndexError instead of ValueError)
        ("no_empty_check", '''
def compose(*mats: np.ndarray) -> np.ndarray:
    out = mats[0]
    for m in mats[1:]:
        out = m @ out
    return out
'''),
    ],
    "ex_linear_layer": [
        # row/column confusion: X @ W without the transpose
        ("no_transpose", '''
def linear_layer(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return X @ W + b
'''),
        # W @ X: right for one sample, wrong for a batch of rows
        ("w_first", '''
def linear_layer(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return W @ X + b
'''),
        # forgets the bias
        ("no_bias", '''
def linear_layer(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return X @ W.T
'''),
    ],
    "ex_transform2d": [
        # np.asarray does not copy a float64 array: the transform changes with the caller's array
        ("no_copy", _TRANSFORM2D.format(init='''m = np.asarray(matrix, dtype=np.float64)
        if m.shape != (2, 2):
            raise ValueError("2×2 행렬이 필요합니다")
        self.matrix = m''', apply=_APPLY_OK, then=_THEN_OK)),
        # points are rows: points @ M is M.T applied (passes the visible diagonal example)
        ("apply_no_transpose", _TRANSFORM2D.format(init=_INIT_OK, apply="return points @ self.matrix",
                                                    then=_THEN_OK)),
        # composes in the wrong order: other first, then self
        ("then_wrong_order", _TRANSFORM2D.format(init=_INIT_OK, apply=_APPLY_OK,
                                                  then="return Transform2D(self.matrix @ other.matrix)")),
    ],
    "ex_commuting_angles": [
        ("exact_equality", edit(("if np.allclose(compose(S_x2, R_deg), compose(R_deg, S_x2)):",
                                 "if np.array_equal(compose(S_x2, R_deg), compose(R_deg, S_x2)):"))),
        ("degrees_as_radians", '''
S_x2 = np.array([[2.0, 0.0], [0.0, 1.0]])
COMMUTING_ANGLES = []
for deg in range(360):
    R_deg = np.array([[np.cos(deg), -np.sin(deg)], [np.sin(deg), np.cos(deg)]])   # radians by mistake
    if np.allclose(compose(S_x2, R_deg), compose(R_deg, S_x2)):
        COMMUTING_ANGLES.append(deg)
'''),
        ("starts_at_one", edit(("for deg in range(360):", "for deg in range(1, 360):"))),
        ("numpy_ints", '''
S_x2 = np.array([[2.0, 0.0], [0.0, 1.0]])
degs = np.arange(360)
same = [np.allclose(compose(S_x2, rotate(np.eye(2), d)), compose(rotate(np.eye(2), d), S_x2)) for d in degs]
COMMUTING_ANGLES = list(degs[np.array(same)])          # np.int64 elements
'''),
        ("same_order_twice", edit(("if np.allclose(compose(S_x2, R_deg), compose(R_deg, S_x2)):",
                                   "if np.allclose(compose(S_x2, R_deg), R_deg @ S_x2):"))),
    ],
}

CORRECT = {
    "ex_commuting_angles": [
        ("matrix_products_and_tolist", '''
S = np.diag([2.0, 1.0])
angles = []
for d in range(0, 360):
    t = np.radians(d)
    R = np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])
    if np.allclose(R @ S, S @ R):
        angles.append(d)
COMMUTING_ANGLES = np.array(angles).tolist()
'''),
    ],
}

