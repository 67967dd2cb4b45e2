"""Reference timings for test/bench/profile-bench.ts: Evidently's data-drift preset and whylogs
profiling on the same CSV file Driftline profiles. Prints one JSON object on stdout: wall seconds of
read_csv and of the computation, and the CPU seconds of both (imports and interpreter start excluded).

Usage: profile-reference.py <evidently|whylogs> <data.csv> <current-rows>
Telemetry is switched off (DO_NOT_TRACK, WHYLOGS_NO_ANALYTICS) by the caller's environment.
"""
import json
import sys
import time


def load(path):
    import pandas as pd
    started = time.perf_counter()
    df = pd.read_csv(path)
    return df, time.perf_counter() - started


def timed(run, path, current_rows):
    """Runs one tool; adds the CPU seconds of read_csv + compute (all threads of this process)."""
    cpu = time.process_time()
    result = run(path, current_rows)
    result['cpu_s'] = time.process_time() - cpu
    return result


def run_evidently(path, current_rows):
    import evidently
    from evidently import DataDefinition, Dataset, Report
    from evidently.presets import DataDriftPreset
    df, load_s = load(path)
    numeric = [c for c in df.columns if df[c].dtype.kind in 'if' and c != 'prediction_score']
    categorical = [c for c in df.columns if c not in numeric and c not in ('prediction_score', 'prediction_label', 'email')]
    started = time.perf_counter()
    definition = DataDefinition(numerical_columns=numeric, categorical_columns=categorical)
    reference = Dataset.from_pandas(df, data_definition=definition)
    current = Dataset.from_pandas(df.head(current_rows), data_definition=definition)
    snapshot = Report([DataDriftPreset()]).run(current, reference)
    snapshot.dict()  # materialise the results
    compute_s = time.perf_counter() - started
    return {'version': evidently.__version__, 'rows': len(df) + current_rows, 'load_s': load_s, 'compute_s': compute_s}


def run_whylogs(path, _current_rows):
    import whylogs as why
    df, load_s = load(path)
    started = time.perf_counter()
    view = why.log(pandas=df.drop(columns=['email'])).view()
    view.to_pandas()  # materialise the summaries
    compute_s = time.perf_counter() - started
    return {'version': why.__version__, 'rows': len(df), 'load_s': load_s, 'compute_s': compute_s}


def main():
    tool, path, current_rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
    try:
        result = timed(run_evidently if tool == 'evidently' else run_whylogs, path, current_rows)
        result['total_s'] = result['load_s'] + result['compute_s']
        print(json.dumps({'tool': tool, **result}))
    except Exception as error:  # reported in the bench table, never hidden
        print(json.dumps({'tool': tool, 'error': f'{type(error).__name__}: {error}'[:300]}))


if __name__ == '__main__':
    main()
