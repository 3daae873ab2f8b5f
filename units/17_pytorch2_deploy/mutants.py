"""Known-wrong answers for 17_pytorch2_deploy: each must lose its exercise's points
(python -m grading.fastcheck 17_pytorch2_deploy). CORRECT lists right answers in other styles that must keep
their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_export_onnx": [
        # only the batch axis dynamic: the length stays the example's 5
        ("length_not_dynamic", edit(('axes = {0: "batch", 1: "length"}', 'axes = {0: "batch"}'))),
        # the default external_data=True writes model.onnx.data beside the file
        ("external_data", edit(("external_data=False, ", ""))),
        # names not passed: the file keeps the forward's argument names and generated output names
        ("no_names", edit((",\n                      input_names=list(input_names), output_names=list(output_names))", ")"))),
        # output names forgotten
        ("no_output_names", edit((", output_names=list(output_names))", ")"))),
        # input names forgotten: the file keeps the forward's argument names
        ("no_input_names", edit(("input_names=list(input_names), ", ""))),
        # only the first input exported as dynamic, the others static
        ("first_input_dynamic_only", edit(("dynamic_shapes=tuple(dict(axes) for _ in example_inputs)",
                                           "dynamic_shapes=tuple(dict(axes) if i == 0 else None for i, _ in enumerate(example_inputs))"))),
        # changes the example in place before exporting
        ("mutates_example", edit(("    model.eval()\n", "    model.eval()\n    example_inputs[0].mul_(0.5)\n"))),
    ],
    "ex_onnx_max_diff": [
        # compares with the model in training mode (dropout on)
        ("train_mode", edit(("    model.eval()\n", ""))),
        # absolute difference, not divided by the output's scale
        ("absolute_not_relative", edit(("float(np.abs(a - b).max() / max(float(np.abs(b).max()), 1e-12))", "float(np.abs(a - b).max())"))),
        # element-wise relative error (explodes where the output is near 0)
        ("elementwise_relative", edit(("float(np.abs(a - b).max() / max(float(np.abs(b).max()), 1e-12))",
                                       "float((np.abs(a - b) / np.maximum(np.abs(b), 1e-12)).max())"))),
        # the model fed in the dict's order instead of the file's input order
        ("dict_order", edit(("        want = model(*[inputs[name] for name in names_in])", "        want = model(*inputs.values())"))),
        # the model called with the ONNX names as keywords (works only when they equal forward's argument names)
        ("keyword_inputs", edit(("        want = model(*[inputs[name] for name in names_in])", "        want = model(**inputs)"))),
        # the ONNX session fed positionally: the dict's order decides which tensor goes to which input
        ("positional_session", edit(("{name: inputs[name].detach().cpu().numpy() for name in names_in}",
                                     "{name: t.detach().cpu().numpy() for name, t in zip(names_in, inputs.values())}"))),
        # a single-tensor output iterated as if it were a tuple (rows compared with outputs)
        ("assumes_tuple", edit(("    if isinstance(want, torch.Tensor):\n        want = (want,)\n", ""))),
        # keys are positions, not the file's output names
        ("index_keys", edit(("result[out.name] =", "result[len(result)] ="))),
        # a NumPy float32 instead of a Python float
        ("numpy_scalar", edit(("float(np.abs(a - b).max() / max(float(np.abs(b).max()), 1e-12))", "np.abs(a - b).max() / max(np.abs(b).max(), 1e-12)"))),
    ],
    "ex_export_gated": [
        # a per-row decision instead of one decision for the whole batch
        ("per_row_gate", edit(("torch.where(x.mean() > 0,", "torch.where(x.mean(dim=1, keepdim=True) > 0,"))),
        # no dynamic batch: only the example's batch size works
        ("static_batch", edit((", dynamic_shapes=({0: Dim(\"batch\")},))", ")"))),
        # decides the branch once from the example (the graph keeps one head)
        ("example_branch_only", """def export_gated(model: GatedHead, example: torch.Tensor) -> torch.export.ExportedProgram:
    class OneBranch(nn.Module):
        def __init__(self, inner, use_pos):
            super().__init__()
            self.inner = inner
            self.use_pos = use_pos

        def forward(self, x):
            h = torch.tanh(self.inner.body(x))
            return self.inner.pos(h) if self.use_pos else self.inner.neg(h)

    return export(OneBranch(model, bool(example.mean() > 0)), (example,), dynamic_shapes=({0: Dim("batch")},))
"""),
        # a batch mean of exactly 0 takes the pos head
        ("ge_zero", edit(("torch.where(x.mean() > 0,", "torch.where(x.mean() >= 0,"))),
        # normalises the example in place before exporting
        ("mutates_example", edit(("    return export(Branchless(model)", "    example.sub_(example.mean())\n    return export(Branchless(model)"))),
        # heads swapped
        ("heads_swapped", edit(("torch.where(x.mean() > 0, self.inner.pos(h), self.inner.neg(h))",
                                "torch.where(x.mean() > 0, self.inner.neg(h), self.inner.pos(h))"))),
        # gates on the hidden activations' mean instead of the input's
        ("gate_on_hidden", edit(("torch.where(x.mean() > 0,", "torch.where(h.mean() > 0,"))),
    ],
    "ex_time_call": [
        # the mean instead of the median
        ("mean", edit(("float(statistics.median(samples))", "float(statistics.mean(samples))"))),
        # warm-up calls are measured too
        ("times_warmup", edit(("    for _ in range(warmup):\n        fn(*args)\n", ""),
                              ("for _ in range(reps):", "for _ in range(warmup + reps):"))),
        # no warm-up calls
        ("no_warmup", edit(("    for _ in range(warmup):\n        fn(*args)\n", ""))),
        # reads time.perf_counter instead of the clock argument
        ("ignores_clock", edit(("start = clock()", "start = time.perf_counter()"),
                               ("samples.append(clock() - start)", "samples.append(time.perf_counter() - start)"))),
        # one clock read between consecutive calls (the text demands a before and an after read per call)
        ("np_median_shared_reads", """def time_call(fn, *args, warmup: int = 3, reps: int = 10, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        fn(*args)
    marks = [clock()]
    for _ in range(reps):
        fn(*args)
        marks.append(clock())
    return float(np.median(np.diff(marks)))
"""),
        # a changed default
        ("default_reps_5", edit(("reps: int = 10", "reps: int = 5"))),
        # the upper middle value for an even number of samples
        ("upper_median", edit(("float(statistics.median(samples))", "float(sorted(samples)[len(samples) // 2])"))),
        # total time of all reps divided by reps
        ("total_over_reps", """def time_call(fn, *args, warmup: int = 3, reps: int = 10, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        fn(*args)
    start = clock()
    for _ in range(reps):
        fn(*args)
    return float((clock() - start) / reps)
"""),
    ],
    "ex_allreduce": [
        # plain average of the ranks' gradients (wrong when the shards differ in size)
        ("plain_average", edit(("        p.grad.mul_(n_local)\n", ""), ("p.grad.div_(n_total)", "p.grad.div_(dist.get_world_size())"))),
        # sums the gradients without dividing
        ("sum_only", edit(("        p.grad.div_(n_total)\n", ""))),
        # no communication: every rank trains on its own shard
        ("no_allreduce", edit(("        dist.all_reduce(p.grad, op=dist.ReduceOp.SUM)\n", ""))),
        # divides by the local count instead of the total
        ("divide_local", edit(("p.grad.div_(n_total)", "p.grad.div_(max(n_local, 1))"))),
        # hard-coded two processes
        ("two_processes", edit(("return hdist.run_fork(allreduce_worker, world_size, x, y, steps, lr)",
                                "return hdist.run_fork(allreduce_worker, 2, x, y, steps, lr)"))),
        # contiguous shard from rank * (n // world) without the remainder: some rows never seen
        ("drops_remainder", edit(("xs, ys = x[rank::world_size], y[rank::world_size]",
                                  "k = len(x) // world_size\n    xs, ys = x[rank * k:(rank + 1) * k], y[rank * k:(rank + 1) * k]"))),
    ],
    "ex_ddp_sampler": [
        # no communication: every rank trains on the whole data in the sampler's global order
        ("every_rank_global_batches", """def ddp_sampler_worker(rank: int, world_size: int, x: torch.Tensor, y: torch.Tensor, epochs: int, global_batch: int,
                       lr: float) -> dict:
    model = make_classifier()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(epochs):
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(epoch))
        for start in range(0, len(x), global_batch):
            idx = order[start:start + global_batch]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    return model.state_dict()


def train_ddp(x: torch.Tensor, y: torch.Tensor, epochs: int, global_batch: int, lr: float, world_size: int = 2) -> list:
    return hdist.run_fork(ddp_sampler_worker, world_size, x, y, epochs, global_batch, lr)
"""),
        # forgets set_epoch: the same shuffled order every epoch
        ("no_set_epoch", edit(("        sampler.set_epoch(epoch)\n", ""))),
        # per-process batch equal to the global batch
        ("local_batch_is_global", edit(("batch_size=global_batch // world_size", "batch_size=global_batch"))),
        # no DDP wrapper: the replicas drift apart
        ("no_ddp", edit(("model = DistributedDataParallel(make_classifier())", "model = make_classifier()"),
                        ("return model.module.state_dict()", "return model.state_dict()"))),
        # no sampler: every rank reads the whole data set in order
        ("no_sampler", edit(("batch_size=global_batch // world_size, sampler=sampler)",
                             "batch_size=global_batch // world_size)"))),
        # a different sampler seed
        ("sampler_seed_1", edit(("shuffle=True, seed=0)", "shuffle=True, seed=1)"))),
        # hard-coded two processes
        ("two_processes", edit(("return hdist.run_fork(ddp_sampler_worker, world_size,", "return hdist.run_fork(ddp_sampler_worker, 2,"))),
    ],
    "ex_exportable": [
        # guesses that every tensor-only forward exports (the .item()-like float is data-dependent)
        ("python_float_ok", edit(("    EXPORTABLE.add(_name)\n", "    EXPORTABLE.add(_name)\nEXPORTABLE.add(\"python_float\")\n"))),
        # guesses that boolean-mask selection (data-dependent size) fails
        ("mask_select_fails", edit(("    EXPORTABLE.add(_name)\n", "    EXPORTABLE.add(_name)\nEXPORTABLE.discard(\"mask_select\")\n"))),
        # guesses that slicing half the dynamic batch works
        ("half_batch_ok", edit(("    EXPORTABLE.add(_name)\n", "    EXPORTABLE.add(_name)\nEXPORTABLE.add(\"half_batch\")\n"))),
        # a list instead of a set
        ("list_not_set", edit(("    EXPORTABLE.add(_name)\n", "    EXPORTABLE.add(_name)\nEXPORTABLE = sorted(EXPORTABLE)\n"))),
        # exports with a static batch (everything shape-related passes)
        ("static_batch", edit((", dynamic_shapes=({0: Dim(\"batch\")},))", ")"))),
    ],
}

CORRECT = {
    "ex_export_onnx": [
        # torch.onnx.export exports in eval mode by default: no explicit eval() needed (the model comes in eval mode)
        ("no_explicit_eval", edit(("    model.eval()\n", ""))),
        # shared torch.export.Dim objects, dynamic_shapes keyed by the forward's argument names, program saved afterwards
        ("dims_by_argument_name", """import inspect


def export_onnx(model, example_inputs, path, input_names, output_names):
    batch, length = Dim("batch"), Dim("length")
    params = list(inspect.signature(model.forward).parameters)[:len(example_inputs)]
    program = torch.onnx.export(model, tuple(example_inputs), dynamo=True, verbose=False,
                                dynamic_shapes={p: {0: batch, 1: length} for p in params},
                                input_names=input_names, output_names=output_names)
    program.save(str(path), external_data=False)
"""),
        # a different axis name per input: torch.export infers from the graph (features * mask) that they are equal
        ("separate_axis_names", edit(("dynamic_shapes=tuple(dict(axes) for _ in example_inputs)",
                                      "dynamic_shapes=tuple({0: f\"batch{i}\", 1: f\"length{i}\"} for i, _ in enumerate(example_inputs))"))),
        # restores the caller's mode, Dim.AUTO-free named dims with bounds
        ("restore_mode_bounded_dims", """def export_onnx(model, example_inputs, path, input_names, output_names):
    was = model.training
    model.eval()
    b, t = Dim("b", min=1, max=4096), Dim("t", min=1, max=4096)
    try:
        torch.onnx.export(model, tuple(example_inputs), str(path), dynamo=True, external_data=False, verbose=False,
                          dynamic_shapes=[{0: b, 1: t} for _ in example_inputs],
                          input_names=input_names, output_names=output_names)
    finally:
        model.train(was)
"""),
    ],
    "ex_onnx_max_diff": [
        # torch arithmetic in float64, outputs requested by name, the caller's mode restored
        ("torch_float64_restore", """def onnx_rel_diff(path, model, inputs):
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    order = [i.name for i in sess.get_inputs()]
    names = [o.name for o in sess.get_outputs()]
    feeds = {k: inputs[k].numpy() for k in order}
    outs = sess.run(names, feeds)
    was = model.training
    model.eval()
    try:
        with torch.inference_mode():
            ref = model(*(inputs[k] for k in order))
    finally:
        model.train(was)
    ref = ref if isinstance(ref, (tuple, list)) else [ref]
    res = {}
    for name, o, r in zip(names, outs, ref):
        o, r = torch.from_numpy(o).double(), r.double()
        res[name] = ((o - r).abs().max() / r.abs().max().clamp(min=1e-12)).item()
    return res
"""),
        # one output at a time with a dict comprehension
        ("per_output_runs", """def onnx_rel_diff(path, model, inputs):
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    args = [inputs[i.name] for i in sess.get_inputs()]
    feed = {i.name: inputs[i.name].numpy() for i in sess.get_inputs()}
    model.eval()
    with torch.no_grad():
        ref = model(*args)
    if not isinstance(ref, tuple):
        ref = (ref,)
    return {o.name: float(np.max(np.abs(sess.run([o.name], feed)[0] - r.numpy())) / max(np.max(np.abs(r.numpy())), 1e-12))
            for o, r in zip(sess.get_outputs(), ref)}
"""),
    ],
    "ex_export_gated": [
        # torch.cond: both branches as functions
        ("torch_cond", """def export_gated(model: GatedHead, example: torch.Tensor) -> torch.export.ExportedProgram:
    class WithCond(nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            h = torch.tanh(self.inner.body(x))
            return torch.cond(x.mean() > 0, lambda t: self.inner.pos(t), lambda t: self.inner.neg(t), (h,))

    return export(WithCond(model), (example,), dynamic_shapes=({0: Dim("batch", min=1)},))
"""),
        # arithmetic blend with a 0/1 float gate
        ("blend", """def export_gated(model: GatedHead, example: torch.Tensor) -> torch.export.ExportedProgram:
    class Blend(nn.Module):
        def __init__(self, body, pos, neg):
            super().__init__()
            self.body, self.pos, self.neg = body, pos, neg

        def forward(self, x):
            h = torch.tanh(self.body(x))
            m = (x.mean() > 0).to(h.dtype)
            return m * self.pos(h) + (1 - m) * self.neg(h)

    return torch.export.export(Blend(model.body, model.pos, model.neg), (example,),
                               dynamic_shapes={"x": {0: torch.export.Dim("n")}})
"""),
    ],
    "ex_allreduce": [
        # sum of per-sample losses divided by the global count, then a plain SUM all-reduce (and manual SGD)
        ("global_sum_loss", """def average_gradients(model: nn.Module, n_local: int, n_total: int) -> None:
    for p in model.parameters():
        g = p.grad if p.grad is not None else torch.zeros_like(p)
        g = g * (n_local / n_total)
        dist.all_reduce(g)
        p.grad = g


def allreduce_worker(rank: int, world_size: int, x: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> dict:
    model = make_regressor()
    idx = torch.arange(rank, len(x), world_size)
    xs, ys = x[idx], y[idx]
    for _ in range(steps):
        model.zero_grad(set_to_none=True)
        if len(xs) > 0:
            ((model(xs) - ys) ** 2).mean().backward()
        average_gradients(model, len(xs), len(x))
        with torch.no_grad():
            for p in model.parameters():
                p -= lr * p.grad
    return {k: v.clone() for k, v in model.state_dict().items()}


def train_allreduce(x: torch.Tensor, y: torch.Tensor, steps: int, lr: float, world_size: int = 2) -> list:
    return list(hdist.run_fork(allreduce_worker, world_size, x, y, steps, lr))
"""),
    ],
    "ex_ddp_sampler": [
        # sampler built on a plain index dataset, data indexed by the sampled indices, epoch counted from 0
        ("index_sampler", """def ddp_sampler_worker(rank: int, world_size: int, x: torch.Tensor, y: torch.Tensor, epochs: int, global_batch: int,
                       lr: float) -> dict:
    from torch.nn.parallel import DistributedDataParallel as DDP
    from torch.utils.data import DistributedSampler

    net = make_classifier()
    model = DDP(net)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    sampler = DistributedSampler(range(len(x)), num_replicas=world_size, rank=rank, shuffle=True, seed=0)
    b = global_batch // world_size
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        order = list(sampler)
        for i in range(0, len(order), b):
            idx = torch.tensor(order[i:i + b])
            opt.zero_grad()
            loss = F.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
    return net.state_dict()


def train_ddp(x: torch.Tensor, y: torch.Tensor, epochs: int, global_batch: int, lr: float, world_size: int = 2) -> list:
    results = hdist.run_fork(ddp_sampler_worker, world_size, x, y, epochs, global_batch, lr)
    return results
"""),
    ],
    "ex_exportable": [
        # the set written out after running the experiment (the answer, not the loop)
        ("literal_after_running", """EXPORTABLE = set()
EXPORTABLE = {"feature_branch", "mask_select", "loop_features"}
print("내보낼 수 있는 것:", sorted(EXPORTABLE))
"""),
    ],
}


# Answers from the blind review of 15:59 (written from the release notebook and lecture only).
MUTANTS.setdefault("ex_export_gated", []).extend([
    ("blind_ge_instead_of_gt", """class G(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, x):
        h = torch.tanh(self.m.body(x))
        return torch.where(x.mean() >= 0, self.m.pos(h), self.m.neg(h))


def export_gated(model, example):
    return export(G(model), (example,), dynamic_shapes=({0: Dim("batch")},))
"""),
])
MUTANTS.setdefault("ex_time_call", []).extend([
    ("blind_shared_readings", """def time_call(fn, *args, warmup: int = 3, reps: int = 10, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        fn(*args)
    ts = []
    prev = clock()
    for _ in range(reps):
        fn(*args)
        now = clock()
        ts.append(now - prev)
        prev = now
    return float(statistics.median(ts))
"""),
    ("blind_default_warmup_1", """def time_call(fn, *args, warmup: int = 1, reps: int = 10, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        fn(*args)
    ts = []
    for _ in range(reps):
        t0 = clock()
        fn(*args)
        ts.append(clock() - t0)
    return float(statistics.median(ts))
"""),
])
MUTANTS.setdefault("ex_allreduce", []).extend([
    ("blind_fake_single_process", """def average_gradients(model, n_local, n_total):
    pass


def allreduce_worker(rank, world_size, x, y, steps, lr):
    return {}


def train_allreduce(x, y, steps, lr, world_size=2):
    model = make_regressor()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    sd = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    return [dict(sd) for _ in range(world_size)]
"""),
    ("blind_no_sharding_every_rank_full_data", """def average_gradients(model, n_local, n_total):
    ws = dist.get_world_size()
    for p in model.parameters():
        dist.all_reduce(p.grad)
        p.grad /= ws


def allreduce_worker(rank, world_size, x, y, steps, lr):
    model = make_regressor()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        average_gradients(model, len(x), len(x))
        opt.step()
    return model.state_dict()


def train_allreduce(x, y, steps, lr, world_size=2):
    return hdist.run_fork(allreduce_worker, world_size, x, y, steps, lr)
"""),
    ("blind_avg_grad_contract_broken", """def average_gradients(model, n_local, n_total):
    # (only sums; the worker already scaled its loss by 1/n_total)
    for p in model.parameters():
        if p.grad is None:
            p.grad = torch.zeros_like(p)
        dist.all_reduce(p.grad)


def allreduce_worker(rank, world_size, x, y, steps, lr):
    model = make_regressor()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    xs, ys = x[rank::world_size], y[rank::world_size]
    for _ in range(steps):
        opt.zero_grad()
        (((model(xs) - ys) ** 2).sum() / len(x)).backward()
        average_gradients(model, len(xs), len(x))
        opt.step()
    return model.state_dict()


def train_allreduce(x, y, steps, lr, world_size=2):
    return hdist.run_fork(allreduce_worker, world_size, x, y, steps, lr)
"""),
])
MUTANTS.setdefault("ex_ddp_sampler", []).extend([
    ("blind_fake_single_process", """def ddp_sampler_worker(rank, world_size, x, y, epochs, global_batch, lr):
    return {}


def train_ddp(x, y, epochs, global_batch, lr, world_size=2):
    model = make_classifier()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    n = len(x)
    for epoch in range(epochs):
        g = torch.Generator()
        g.manual_seed(0 + epoch)
        perm = torch.randperm(n, generator=g)
        for s in range(0, n, global_batch):
            idx = perm[s:s + global_batch]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    sd = {k: v.detach().numpy().copy() for k, v in model.state_dict().items()}
    return [dict(sd) for _ in range(world_size)]
"""),
    ("blind_set_epoch_plus_one", """def ddp_sampler_worker(rank, world_size, x, y, epochs, global_batch, lr):
    from torch.nn.parallel import DistributedDataParallel as DDP
    from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

    model = DDP(make_classifier())
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    ds = TensorDataset(x, y)
    sampler = DistributedSampler(ds, shuffle=True, seed=0)
    loader = DataLoader(ds, batch_size=global_batch // world_size, sampler=sampler)
    for epoch in range(epochs):
        sampler.set_epoch(epoch + 1)
        for xb, yb in loader:
            opt.zero_grad()
            F.cross_entropy(model(xb), yb).backward()
            opt.step()
    return model.module.state_dict()


def train_ddp(x, y, epochs, global_batch, lr, world_size=2):
    return hdist.run_fork(ddp_sampler_worker, world_size, x, y, epochs, global_batch, lr)
"""),
    ("blind_seed_is_rank", """def ddp_sampler_worker(rank, world_size, x, y, epochs, global_batch, lr):
    from torch.nn.parallel import DistributedDataParallel as DDP
    from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

    model = DDP(make_classifier())
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    ds = TensorDataset(x, y)
    sampler = DistributedSampler(ds, shuffle=True, seed=rank)
    loader = DataLoader(ds, batch_size=global_batch // world_size, sampler=sampler)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for xb, yb in loader:
            opt.zero_grad()
            F.cross_entropy(model(xb), yb).backward()
            opt.step()
    return model.module.state_dict()


def train_ddp(x, y, epochs, global_batch, lr, world_size=2):
    return hdist.run_fork(ddp_sampler_worker, world_size, x, y, epochs, global_batch, lr)
"""),
])
CORRECT.setdefault("ex_export_gated", []).extend([
    ("blind_torch_cond", """class _CondGated(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.body, self.pos, self.neg = m.body, m.pos, m.neg

    def forward(self, x):
        h = torch.tanh(self.body(x))
        return torch.cond(x.mean() > 0, lambda t: self.pos(t), lambda t: self.neg(t), (h,))


def export_gated(model: GatedHead, example: torch.Tensor) -> torch.export.ExportedProgram:
    return export(_CondGated(model), (example,), dynamic_shapes=({0: Dim("batch")},))
"""),
    ("blind_float_mask_blend", """class Blend(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.inner = m

    def forward(self, x):
        h = torch.tanh(self.inner.body(x))
        g = (x.mean() > 0).to(h.dtype)
        return g * self.inner.pos(h) + (1 - g) * self.inner.neg(h)


def export_gated(model, example):
    batch = Dim("batch", min=1, max=100_000)
    return torch.export.export(Blend(model), (example,), dynamic_shapes={"x": {0: batch}})
"""),
])
CORRECT.setdefault("ex_time_call", []).extend([
    ("blind_readings_pairs", """def time_call(fn, *args, warmup: int = 3, reps: int = 10, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        fn(*args)
    readings = []
    for _ in range(reps):
        readings.append(clock())
        fn(*args)
        readings.append(clock())
    return float(statistics.median(b - a for a, b in zip(readings[::2], readings[1::2])))
"""),
    ("blind_manual_median", """def time_call(fn, *args, warmup: int = 3, reps: int = 10, clock=time.perf_counter) -> float:
    for _ in range(warmup):
        fn(*args)
    ts = []
    for _ in range(reps):
        start = clock()
        fn(*args)
        ts.append(clock() - start)
    ts.sort()
    mid = len(ts) // 2
    if len(ts) % 2:
        return float(ts[mid])
    return (ts[mid - 1] + ts[mid]) / 2
"""),
])
CORRECT.setdefault("ex_allreduce", []).extend([
    ("blind_flat_buffer_counts", """def average_gradients(model: nn.Module, n_local: int, n_total: int) -> None:
    params = list(model.parameters())
    grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in params]
    flat = torch.cat([g.reshape(-1) for g in grads]) * float(n_local)
    if n_local == 0:
        flat = torch.zeros_like(flat)
    dist.all_reduce(flat)
    flat /= n_total
    offset = 0
    for p in params:
        k = p.numel()
        p.grad = flat[offset:offset + k].view_as(p).clone()
        offset += k


def allreduce_worker(rank, world_size, x, y, steps, lr):
    model = make_regressor()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    xb = x[rank::world_size]
    yb = y[rank::world_size]
    for step in range(steps):
        opt.zero_grad(set_to_none=False)
        if xb.shape[0]:
            loss = ((model(xb) - yb) ** 2).mean()
            loss.backward()
        average_gradients(model, xb.shape[0], x.shape[0])
        opt.step()
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def train_allreduce(x, y, steps, lr, world_size=2):
    results = helpers.dist.run_fork(allreduce_worker, world_size, x, y, steps, lr)
    return list(results)
"""),
    ("blind_scale_then_sum_always_backward", """def average_gradients(model, n_local, n_total):
    for p in model.parameters():
        if p.grad is None:
            p.grad = torch.zeros_like(p)
        p.grad.copy_(torch.nan_to_num(p.grad) * (n_local / n_total))
        dist.all_reduce(p.grad, op=dist.ReduceOp.SUM)


def allreduce_worker(rank, world_size, x, y, steps, lr):
    model = make_regressor()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    xs, ys = x[rank::world_size], y[rank::world_size]
    for _ in range(steps):
        opt.zero_grad()
        if len(xs):
            loss_fn(model(xs), ys).backward()
        average_gradients(model, len(xs), len(x))
        opt.step()
    return model.state_dict()


def train_allreduce(x, y, steps, lr, world_size=2):
    return hdist.run_fork(allreduce_worker, world_size, x, y, steps, lr)
"""),
])
CORRECT.setdefault("ex_ddp_sampler", []).extend([
    ("blind_strip_prefix", """def ddp_sampler_worker(rank: int, world_size: int, x: torch.Tensor, y: torch.Tensor, epochs: int, global_batch: int,
                       lr: float) -> dict:
    from torch.nn.parallel import DistributedDataParallel as DDP
    from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

    ddp = DDP(make_classifier())
    opt = torch.optim.SGD(ddp.parameters(), lr=lr)
    ds = TensorDataset(x, y)
    sampler = DistributedSampler(ds, shuffle=True, seed=0)
    dl = DataLoader(ds, batch_size=global_batch // world_size, sampler=sampler)
    epoch = 0
    while epoch < epochs:
        sampler.set_epoch(epoch)
        for xb, yb in dl:
            loss = F.cross_entropy(ddp(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        epoch += 1
    return {k.removeprefix("module."): v.detach().cpu() for k, v in ddp.state_dict().items()}


def train_ddp(x, y, epochs, global_batch, lr, world_size=2):
    return hdist.run_fork(ddp_sampler_worker, world_size, x, y, epochs, global_batch, lr)
"""),
    ("blind_manual_batches_from_sampler", """def ddp_sampler_worker(rank, world_size, x, y, epochs, global_batch, lr):
    from torch.nn.parallel import DistributedDataParallel as DDP
    from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

    model = DDP(make_classifier())
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    ds = TensorDataset(x, y)
    sampler = DistributedSampler(ds, shuffle=True, seed=0)
    bs = global_batch // world_size
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        idx = torch.tensor(list(sampler))
        for s in range(0, len(idx), bs):
            b = idx[s:s + bs]
            opt.zero_grad()
            F.cross_entropy(model(x[b]), y[b]).backward()
            opt.step()
    return model.module.state_dict()


def train_ddp(x, y, epochs, global_batch, lr, world_size=2):
    return hdist.run_fork(ddp_sampler_worker, world_size, x, y, epochs, global_batch, lr)
"""),
])
