using System.Diagnostics.Metrics;
using FunctionsDownloader.Jobs;
using FunctionsDownloader.Monitoring;

namespace FunctionsDownloader.Telemetry;

/// <summary>
/// The service's own OpenTelemetry instruments (meter <see cref="TelemetrySetup.ServiceName"/>): what this
/// process saw, for exporters whose backend adds up instances (Azure Monitor, OTLP). The totals that
/// every instance agrees on are the stored counters behind <c>/api/v1/metrics</c>.
/// </summary>
public sealed class ServiceInstruments
{
    private readonly Counter<long> _created;
    private readonly Counter<long> _finished;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rejected;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>.</summary>
    public ServiceInstruments(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create(TelemetrySetup.ServiceName);
        _created = meter.CreateCounter<long>("downloader.jobs.created", "{job}", "Jobs created.");
        _finished = meter.CreateCounter<long>("downloader.jobs.finished", "{job}", "Jobs that ended, by status.");
        _duration = meter.CreateHistogram<double>(
            "downloader.job.duration", "s", "Time from a job's creation to its end, by status.");
        _rejected = meter.CreateCounter<long>(
            "downloader.rate_limit.rejections", "{request}", "Requests refused with 429, by category.");
    }

    /// <summary>A job was stored.</summary>
    public void JobCreated() => _created.Add(1);

    /// <summary>A job that was in <paramref name="before"/> was stored as <paramref name="job"/>.</summary>
    public void JobChanged(string before, JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (JobStatus.IsFinished(before) || !CounterNames.FinalStatuses.Contains(job.Status))
        {
            return;
        }

        var status = new KeyValuePair<string, object?>("status", job.Status);
        _finished.Add(1, status);
        _duration.Record(Math.Max(0, ((job.CompletedAt ?? job.UpdatedAt) - job.CreatedAt).TotalSeconds), status);
    }

    /// <summary>A request of <paramref name="category"/> was refused with 429.</summary>
    public void RateLimited(string category) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("category", category));
}
