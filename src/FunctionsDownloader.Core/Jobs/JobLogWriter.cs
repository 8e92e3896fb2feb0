using System.Globalization;

namespace FunctionsDownloader.Jobs;

/// <summary>
/// Collects a job's log lines in memory and writes them in batches; lines are cleaned by
/// <see cref="LogSanitizer"/> before they are kept. Safe to use from several threads.
/// </summary>
public sealed class JobLogWriter(JobLogStore store, TimeProvider clock, string requestId)
{
    private readonly Lock _gate = new();
    private readonly List<(string RowKey, JobLogLine Line)> _pending = [];
    private readonly string _writerId = Guid.NewGuid().ToString("N")[..6];
    private readonly List<(string Text, string Replacement)> _redactions = [];
    private long _sequence;

    /// <summary>The job the lines belong to.</summary>
    public string RequestId => requestId;

    /// <summary>Replaces <paramref name="text"/> (an internal path, say) with <paramref name="replacement"/> in every later line.</summary>
    public void Redact(string text, string replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        lock (_gate)
        {
            _redactions.Add((text, replacement));
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every redaction applied, for text that goes elsewhere than the
    /// job's log (a tool's stderr in the host's log, say).
    /// </summary>
    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            foreach ((string secret, string replacement) in _redactions)
            {
                text = text.Replace(secret, replacement, StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Queues a line for the next flush.</summary>
    public void Add(string level, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        DateTimeOffset now = clock.GetUtcNow();
        string clean = LogSanitizer.Clean(Scrub(message));
        if (clean.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            _pending.Add((JobLogStore.RowKey(now, _sequence++, _writerId), new JobLogLine(now, level, clean)));
        }
    }

    /// <summary>Queues an info line built from invariant-culture formatting.</summary>
    public void Info(FormattableString message) => Add(JobLogLevel.Info, message.ToString(CultureInfo.InvariantCulture));

    /// <summary>Queues a warning line built from invariant-culture formatting.</summary>
    public void Warning(FormattableString message) =>
        Add(JobLogLevel.Warning, message.ToString(CultureInfo.InvariantCulture));

    /// <summary>Queues an error line built from invariant-culture formatting.</summary>
    public void Error(FormattableString message) => Add(JobLogLevel.Error, message.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes every queued line.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<(string, JobLogLine)> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = [.. _pending];
            _pending.Clear();
        }

        await store.AppendAsync(requestId, batch, cancellationToken);
    }
}
