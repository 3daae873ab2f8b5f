"""Known-wrong answers for 08_data_augmentation: each must lose its test cell's points (python -m tools.gradecheck 08_data_augmentation).

CORRECT holds right answers in other styles the instructions allow: each must keep its points (python -m grading.fastcheck).
"""

from grading.mutants import edit

MUTANTS = {
    "ex_channel_stats": [
        # forgets /255: statistics on the 0..255 scale
        ("no_div255", edit(("astype(np.float64) / 255.0", "astype(np.float64)"))),
        # average of per-image means and stds (channels last): the std is not the std of all pixels
        ("per_image_then_average", '''
def channel_stats(images: np.ndarray, channel_axis: int = -1) -> tuple[list[float], list[float]]:
    x = np.moveaxis(images, channel_axis, -1).astype(np.float64) / 255.0
    x = x.reshape(x.shape[0], -1, x.shape[-1]) if x.ndim > 2 else x[None]
    return x.mean(axis=1).mean(axis=0).tolist(), x.std(axis=1).mean(axis=0).tolist()
'''),
        # the lecture's reshape(-1, 3): ignores channel_axis and the number of channels
        ("lecture_reshape_minus1_3", '''
def channel_stats(images: np.ndarray, channel_axis: int = -1) -> tuple[list[float], list[float]]:
    pixels = images.reshape(-1, 3).astype(np.float64) / 255.0
    return pixels.mean(axis=0).tolist(), pixels.std(axis=0).tolist()
'''),
        # reshape(-1, C) without moving the channel axis last: values of different channels mixed
        ("reshape_without_moveaxis", edit(("channels_last = np.moveaxis(images, channel_axis, -1)\n    pixels = channels_last.reshape(-1, channels_last.shape[-1])",
                                           "pixels = images.reshape(-1, images.shape[channel_axis])"))),
        # moves the channel axis first and then reshapes as if it were last
        ("moveaxis_to_front", edit(("np.moveaxis(images, channel_axis, -1)", "np.moveaxis(images, channel_axis, 0)"),
                                   ("channels_last.reshape(-1, channels_last.shape[-1])", "channels_last.reshape(-1, channels_last.shape[0])"))),
        # sums in uint16: overflows on a large array (blind review)
        ("uint16_sum_overflow", '''
def channel_stats(images: np.ndarray, channel_axis: int = -1) -> tuple[list[float], list[float]]:
    x = np.moveaxis(images, channel_axis, -1)
    c = x.shape[-1]
    n = x.size // c
    axes = tuple(range(x.ndim - 1))
    s1 = x.sum(axis=axes, dtype=np.uint16).astype(np.float64) / 255 / n
    s2 = (x.astype(np.uint32) ** 2).sum(axis=axes, dtype=np.uint32).astype(np.float64) / 255 ** 2 / n
    return s1.tolist(), np.sqrt(np.maximum(s2 - s1 ** 2, 0)).tolist()
'''),
        # sample std (N - 1)
        ("ddof1", edit(("pixels.std(axis=0).tolist()", "pixels.std(axis=0, ddof=1).tolist()"))),
        # returns NumPy arrays, not lists of Python floats
        ("numpy_arrays", edit(("return pixels.mean(axis=0).tolist(), pixels.std(axis=0).tolist()",
                               "return pixels.mean(axis=0), pixels.std(axis=0)"))),
    ],
    "ex_build_train_transform": [
        # no augmentation at all: the "train" transform is the eval transform
        ("no_augmentation", edit(("        v2.RandomCrop(32, padding=4),\n        v2.RandomHorizontalFlip(p=0.5),\n", ""))),
        # flips on the wrong axis
        ("vertical_flip", edit(("v2.RandomHorizontalFlip(p=0.5)", "v2.RandomVerticalFlip(p=0.5)"))),
        # no random crop
        ("no_crop", edit(("        v2.RandomCrop(32, padding=4),\n", ""))),
        # float without scale=True: values stay 0..255 before Normalize
        ("no_scale", edit(("v2.ToDtype(torch.float32, scale=True)", "v2.ToDtype(torch.float32)"))),
        # mean and std swapped in Normalize
        ("mean_std_swapped", edit(("v2.Normalize(mean, std)", "v2.Normalize(std, mean)"))),
        # padding 2: at most +-2 pixels of shift, not 4 (blind review)
        ("padding_2", edit(("v2.RandomCrop(32, padding=4)", "v2.RandomCrop(32, padding=2)"))),
        # padding 8: shifts of up to 8 pixels
        ("padding_8", edit(("v2.RandomCrop(32, padding=4)", "v2.RandomCrop(32, padding=8)"))),
        # the crop offset is drawn once when the transform is built; only the flip stays random (blind review)
        ("same_shift_every_call", '''
def build_train_transform(mean, std):
    dy, dx = (int(v) for v in torch.randint(0, 9, (2,)))
    to_float = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])

    def tf(img):
        x = torch.nn.functional.pad(to_float(img).as_subclass(torch.Tensor), (4, 4, 4, 4))[:, dy:dy + 32, dx:dx + 32]
        if torch.rand(1).item() < 0.5:
            x = x.flip(-1)
        return v2.Normalize(mean, std)(x)

    return tf
'''),
    ],
    "ex_build_eval_transform": [
        # a random flip left in the eval transform
        ("random_flip_in_eval", edit(("        v2.CenterCrop(32),\n", "        v2.CenterCrop(32),\n        v2.RandomHorizontalFlip(),\n"))),
        # squashes to 32x32 instead of keeping the aspect ratio
        ("squash_resize", edit(("v2.Resize(32)", "v2.Resize((32, 32))"))),
        # crops without resizing: a 64x64 photo keeps only its middle
        ("crop_only", edit(("        v2.Resize(32),\n", ""))),
        # no standardisation
        ("no_normalize", edit(("        v2.Normalize(mean, std),\n", ""))),
    ],
    "ex_folder_dataset": [
        # classes in os.listdir order (not sorted)
        ("classes_listdir_order", edit(("self.classes = sorted(entry.name for entry in root.iterdir() if entry.is_dir())",
                                        "self.classes = [entry for entry in os.listdir(root) if (root / entry).is_dir()]"))),
        # files unsorted
        ("files_unsorted", edit(("for f in sorted(names) if", "for f in names if"))),
        # case-sensitive extension check: C.PNG and m2.JPG are missed
        ("case_sensitive_ext", edit(("if f.lower().endswith(self.EXTENSIONS)", "if f.endswith(self.EXTENSIONS)"))),
        # every file is an image (notes.txt included)
        ("every_file", edit((" if f.lower().endswith(self.EXTENSIONS)]", "]"))),
        # only the files right inside each class folder (ImageFolder walks subfolders)
        ("not_recursive", edit(("for folder, _, names in sorted(os.walk(root / name, followlinks=True)):",
                                "for folder, _, names in [next(os.walk(root / name))]:"))),
        # skips hidden files (ImageFolder keeps .hidden.png) (blind review)
        ("skip_dotfiles", edit(("if f.lower().endswith(self.EXTENSIONS)]", "if f.lower().endswith(self.EXTENSIONS) and not f.startswith(\".\")]"))),
        # recursive, but every path of the class sorted together: the order differs from ImageFolder's (blind review)
        ("rglob_sorted_paths", edit(("""            for folder, _, names in sorted(os.walk(root / name, followlinks=True)):
                self.samples += [(os.path.join(folder, f), self.class_to_idx[name])
                                 for f in sorted(names) if f.lower().endswith(self.EXTENSIONS)]""",
                                     """            self.samples += [(str(p), self.class_to_idx[name]) for p in sorted((root / name).rglob("*"))
                             if p.is_file() and p.name.lower().endswith(self.EXTENSIONS)]"""))),
        # no RGB conversion: grayscale images stay 1-channel
        ("no_rgb_convert", edit(('image = f.convert("RGB")', "image = f.copy()"))),
        # classes sorted case-insensitively (not ImageFolder's order)
        ("casefold_sort", edit(("self.classes = sorted(entry.name for entry in root.iterdir() if entry.is_dir())",
                                "self.classes = sorted((entry.name for entry in root.iterdir() if entry.is_dir()), key=str.lower)"))),
    ],
    "ex_batch_augment": [
        # flips up-down (height axis)
        ("flip_height", edit(("x.flip(-1), x)", "x.flip(-2), x)"))),
        # one coin for the whole batch
        ("one_coin_per_batch", edit(("flip = torch.rand(x.shape[0], device=x.device) < p",
                                     "flip = (torch.rand(1, device=x.device) < p).expand(x.shape[0])"))),
        # flips in place: the input batch changes
        ("in_place_flip", '''
def random_hflip(x: torch.Tensor, p: float = 0.5) -> torch.Tensor:
    flip = torch.rand(x.shape[0]) < p
    x[flip] = x[flip].flip(-1)
    return x


def add_gaussian_noise(x: torch.Tensor, sigma: float) -> torch.Tensor:
    return (x + sigma * torch.randn_like(x)).clamp(0.0, 1.0)
'''),
        # uniform noise instead of Gaussian (mean sigma/2)
        ("uniform_noise", edit(("sigma * torch.randn_like(x)", "sigma * torch.rand_like(x)"))),
        # no clamp
        ("no_clamp", edit(("(x + sigma * torch.randn_like(x)).clamp(0.0, 1.0)", "x + sigma * torch.randn_like(x)"))),
        # one noise image shared by the whole batch (blind review)
        ("same_noise_every_image", edit(("sigma * torch.randn_like(x)", "sigma * torch.randn(x.shape[1:], dtype=x.dtype, device=x.device)"))),
        # one noise value per image, the same for all its pixels
        ("one_noise_per_image", edit(("sigma * torch.randn_like(x)", "sigma * torch.randn(x.shape[0], *([1] * (x.ndim - 1)), dtype=x.dtype)"))),
        # NumPy's generator: torch.manual_seed does not reproduce it (blind review)
        ("numpy_rng_noise", edit(("sigma * torch.randn_like(x)", "torch.from_numpy(np.random.normal(0.0, sigma, size=tuple(x.shape))).to(x.dtype)"))),
        # a private generator for the flip coins (blind review)
        ("private_generator_flip", edit(("flip = torch.rand(x.shape[0], device=x.device) < p",
                                         "flip = torch.Generator().manual_seed(1234) if not hasattr(random_hflip, 'g') else random_hflip.g\n"
                                         "    random_hflip.g = flip\n"
                                         "    flip = torch.rand(x.shape[0], generator=flip) < p"))),
        # returns x itself when p == 0 (blind review)
        ("flip_p0_returns_x", edit(("    flip = torch.rand(x.shape[0], device=x.device) < p\n",
                                    "    if p == 0:\n        return x\n    flip = torch.rand(x.shape[0], device=x.device) < p\n"))),
        # returns x itself when sigma == 0 (blind review)
        ("noise_sigma0_returns_x", edit(("    return (x + sigma * torch.randn_like(x)).clamp(0.0, 1.0)",
                                         "    if sigma == 0:\n        return x\n    return (x + sigma * torch.randn_like(x)).clamp(0.0, 1.0)"))),
        # a view of x when sigma == 0
        ("noise_sigma0_view", edit(("    return (x + sigma * torch.randn_like(x)).clamp(0.0, 1.0)",
                                    "    if sigma == 0:\n        return x.view(x.shape)\n    return (x + sigma * torch.randn_like(x)).clamp(0.0, 1.0)"))),
    ],
    "ex_augmentation_study": [
        # the augmentation is never applied: all four models are the same
        ("augment_ignored", edit(("                xb = augment(xb)", "                pass"))),
        # picks the worst augmentation
        ("argmin", edit(("best_augmentation = {cond: max(study,", "best_augmentation = {cond: min(study,"))),
        # a guess typed in (the mirrored digits are not "none")
        ("guessed", edit(("best_augmentation = {cond: max(study, key=lambda a: study[a][cond]) for cond in conditions}",
                          'best_augmentation = {"shifted": "shift", "noisy": "noise", "mirrored": "none"}\n'
                          'study["none"]["mirrored"] = 1.0'))),
    ],
    "ex_train_robust": [
        # no augmentation: breaks down on the perturbed test set
        ("no_augmentation", edit(("device=device,\n                      augment=lambda xb: affine(xb))", "device=device)"))),
        # label-changing augmentation (vertical flips) instead of small affine changes
        ("vertical_flip_aug", edit(("augment=lambda xb: affine(xb))", "augment=v2.RandomVerticalFlip(p=0.5))"))),
        # trains on 0..255 pixels, judged on /255 inputs
        ("raw_pixels", edit(("x = torch.from_numpy(x_train).float()[:, None] / 255", "x = torch.from_numpy(x_train).float()[:, None]"))),
    ],
}

CORRECT = {
    "ex_channel_stats": [
        # torch: permute the channel axis last, per-channel reductions, population std
        ("torch_unbiased_false", '''
def channel_stats(images: np.ndarray, channel_axis: int = -1) -> tuple[list[float], list[float]]:
    x = torch.from_numpy(images).double() / 255
    x = x.movedim(channel_axis, -1).reshape(-1, x.shape[channel_axis])
    return x.mean(dim=0).tolist(), x.std(dim=0, unbiased=False).tolist()
'''),
        # a loop over channels with np.take, float32 values and float() conversions
        ("loop_take_float32", '''
def channel_stats(images, channel_axis=-1):
    means, stds = [], []
    for c in range(images.shape[channel_axis]):
        v = np.take(images, c, axis=channel_axis).astype(np.float32) / 255
        means.append(float(v.mean()))
        stds.append(float(np.sqrt(((v - v.mean()) ** 2).mean())))
    return means, stds
'''),
        # reductions over every axis but the channel axis, E[x^2] - E[x]^2 in float64
        ("reduce_other_axes", '''
def channel_stats(images, channel_axis=-1):
    axis = channel_axis % images.ndim
    others = tuple(a for a in range(images.ndim) if a != axis)
    x = images.astype(np.float64) / 255
    m = x.mean(axis=others)
    s = np.sqrt(np.maximum((x ** 2).mean(axis=others) - m ** 2, 0.0))
    return [float(v) for v in m], [float(v) for v in s]
'''),
    ],
    "ex_build_train_transform": [
        # tensor first, then the random transforms on the tensor; explicit Pad + RandomCrop
        ("tensor_first_pad_then_crop", '''
def build_train_transform(mean, std):
    return v2.Compose([
        v2.ToImage(),
        v2.Pad(4),
        v2.RandomCrop(32),
        v2.RandomHorizontalFlip(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(mean=mean, std=std),
    ])
'''),
        # a plain function instead of Compose, returning a plain tensor
        ("function", '''
_crop = v2.RandomCrop(32, padding=4)
_flip = v2.RandomHorizontalFlip()


def build_train_transform(mean, std):
    m, s = torch.tensor(mean)[:, None, None], torch.tensor(std)[:, None, None]

    def tf(img):
        x = v2.functional.pil_to_tensor(_flip(_crop(img))).float() / 255
        return (x - m) / s

    return tf
'''),
    ],
    "ex_build_eval_transform": [
        # tensor path: ToImage first, then resize and crop the tensor
        ("tensor_first", '''
def build_eval_transform(mean, std):
    return v2.Compose([
        v2.ToImage(),
        v2.Resize(32, antialias=True),
        v2.CenterCrop(32),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(mean, std),
    ])
'''),
    ],
    "ex_folder_dataset": [
        # os.listdir + os.walk with sorting, paths as strings, transform applied in one expression
        ("os_module", '''
class FolderDataset(Dataset):
    def __init__(self, root, transform=None):
        self.root, self.transform = str(root), transform
        self.classes = sorted(d for d in os.listdir(self.root) if os.path.isdir(os.path.join(self.root, d)))
        self.class_to_idx = {c: i for i, c in enumerate(self.classes)}
        self.samples = []
        for c in self.classes:
            for folder, _dirs, names in sorted(os.walk(os.path.join(self.root, c))):
                for name in sorted(names):
                    if name.lower().endswith((".png", ".jpg", ".jpeg")):
                        self.samples.append((os.path.join(folder, name), self.class_to_idx[c]))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        path, label = self.samples[i]
        image = Image.open(path).convert("RGB")
        return (self.transform(image) if self.transform else image), int(label)
'''),
        # subclasses ImageFolder's own rules is not asked for; a wrapper around ImageFolder is a right answer too
        ("wraps_imagefolder", '''
class FolderDataset(Dataset):
    def __init__(self, root, transform=None):
        self.inner = datasets.ImageFolder(root, transform=transform)
        self.classes = list(self.inner.classes)
        self.class_to_idx = dict(self.inner.class_to_idx)

    def __len__(self):
        return len(self.inner)

    def __getitem__(self, i):
        x, y = self.inner[i]
        return x, int(y)
'''),
    ],
    "ex_batch_augment": [
        # index assignment on a clone, and noise from torch.normal
        ("clone_and_index", '''
def random_hflip(x: torch.Tensor, p: float = 0.5) -> torch.Tensor:
    out = x.clone()
    flip = torch.rand(len(x)) < p
    out[flip] = x[flip].flip(dims=[x.ndim - 1])
    return out


def add_gaussian_noise(x: torch.Tensor, sigma: float) -> torch.Tensor:
    noise = torch.normal(0.0, 1.0, size=x.shape, device=x.device, dtype=x.dtype) * sigma
    return torch.clamp(x + noise, min=0.0, max=1.0)
'''),
    ],
    "ex_augmentation_study": [
        # a hand-written shuffled loop with randperm, results collected in a loop
        ("randperm_loop", '''
def train_small(x, y, augment=None):
    torch.manual_seed(0)
    model = make_mlp()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(5):
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            idx = perm[i:i + 64]
            xb = x[idx] if augment is None else augment(x[idx])
            loss = nn.functional.cross_entropy(model(xb), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


study = {}
for name, aug in AUGMENTATIONS.items():
    model = train_small(x_small, y_small, aug).eval()
    study[name] = {}
    with torch.no_grad():
        for cond, xc in conditions.items():
            study[name][cond] = float((model(xc).argmax(1) == y_cond).float().mean())
best_augmentation = {}
for cond in conditions:
    best_augmentation[cond] = sorted(study, key=lambda a: study[a][cond])[-1]
'''),
    ],
    "ex_train_robust": [
        # a hand-written loop: random affine per batch on (B, 1, 28, 28), a smaller hidden layer, 6 epochs
        ("own_loop_per_batch_affine", '''
def train_robust(x_train, y_train, device):
    torch.manual_seed(1)
    x = torch.tensor(x_train, dtype=torch.float32).unsqueeze(1) / 255.0
    y = torch.tensor(y_train, dtype=torch.long)
    aug = v2.RandomAffine(degrees=15, translate=(0.12, 0.12), scale=(0.9, 1.1))
    model = make_mlp(200).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(6):
        model.train()
        perm = torch.randperm(len(x))
        for i in range(0, len(x), 64):
            idx = perm[i:i + 64]
            xb, yb = aug(x[idx]).to(device), y[idx].to(device)
            loss = nn.functional.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model
'''),
    ],
}
