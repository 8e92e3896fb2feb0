using System.Text.Json;
using FunctionsDownloader.Jobs;

namespace FunctionsDownloader.Media;

/// <summary>
/// Folds yt-dlp's per-part progress lines and post-processing events into one percent that never
/// goes down: downloading fills 0–90 (parts weighted by their expected size), post-processing
/// 90–95, uploading 95–100.
/// </summary>
public sealed class ProgressTracker
{
    /// <summary>Where downloading ends on the percent scale.</summary>
    public const double DownloadShare = 90;

    /// <summary>Where post-processing ends on the percent scale.</summary>
    public const double ProcessingEnd = 95;

    private readonly IReadOnlyList<MediaPart> _parts;
    private readonly Dictionary<string, double> _partFractions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _partBytes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _partTotals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DownloadProgress _current = new(JobPhase.Downloading, 0, null, null, null, null);
    private long? _announced;

    /// <summary>Creates a tracker for a download of <paramref name="parts"/>.</summary>
    public ProgressTracker(IReadOnlyList<MediaPart> parts)
    {
        _parts = parts.Count > 0 ? parts : [new MediaPart("default", null, null, null)];
    }

    /// <summary>The latest combined progress.</summary>
    public DownloadProgress Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>
    /// The exact size (not an estimate) yt-dlp last reported for the part it downloads: the server's
    /// Content-Length. <c>null</c> when the server sent none.
    /// </summary>
    public long? AnnouncedBytes
    {
        get
        {
            lock (_gate)
            {
                return _announced;
            }
        }
    }

    /// <summary>Reads one download progress dictionary (the JSON of yt-dlp's <c>%(progress)j</c>).</summary>
    public void OnDownloadProgress(string? formatId, JsonElement progress)
    {
        long? downloaded = Int64(progress, "downloaded_bytes");
        long? total = Int64(progress, "total_bytes") ?? Int64(progress, "total_bytes_estimate");
        double? fraction = downloaded is long d && total is long t && t > 0 ? (double)d / t : null;
        if (fraction is null && Int64(progress, "fragment_index") is long i && Int64(progress, "fragment_count") is long n && n > 0)
        {
            fraction = (double)i / n;
        }

        if (Str(progress, "status") == "finished")
        {
            fraction = 1;
        }

        lock (_gate)
        {
            string key = PartKey(formatId);
            if (fraction is double f)
            {
                _partFractions[key] = Math.Clamp(Math.Max(f, _partFractions.GetValueOrDefault(key)), 0, 1);
            }

            if (downloaded is long bytes)
            {
                _partBytes[key] = bytes;
            }

            if (total is long size && size > 0)
            {
                _partTotals[key] = size;
            }

            // yt-dlp's "finished" report gives the bytes it got as the total, whatever was announced.
            if (Str(progress, "status") == "downloading" && Int64(progress, "total_bytes") is long exact && exact > 0)
            {
                _announced = exact;
            }

            double percent = DownloadShare * WeightedFraction();
            long totalDownloaded = _partBytes.Values.Sum();
            long? expected = ExpectedTotal(key, total);
            double? speed = Double(progress, "speed");

            // yt-dlp's ETA is the current part's; with every part's size known, count them all.
            double? eta = expected is long all && speed is > 0
                ? Math.Round(Math.Max(0, all - totalDownloaded) / speed.Value, 1)
                : Double(progress, "eta");
            Advance(JobPhase.Downloading, percent, totalDownloaded, expected, speed, eta);
        }
    }

    /// <summary>Notes that a post-processor (merger, remuxer, audio extractor) started.</summary>
    public void OnPostprocessing(string phase)
    {
        lock (_gate)
        {
            double percent = Math.Max(_current.Percent, DownloadShare);
            Advance(phase, percent, _current.DownloadedBytes, _current.TotalBytes, null, null);
        }
    }

    /// <summary>Notes upload progress of <paramref name="uploaded"/> of <paramref name="total"/> bytes.</summary>
    public void OnUpload(long uploaded, long total)
    {
        lock (_gate)
        {
            double fraction = total > 0 ? Math.Clamp((double)uploaded / total, 0, 1) : 0;
            double percent = ProcessingEnd + ((100 - ProcessingEnd) * fraction);
            Advance(JobPhase.Uploading, percent, _current.DownloadedBytes, _current.TotalBytes, null, null);
        }
    }

    private void Advance(string phase, double percent, long? downloaded, long? total, double? speed, double? eta)
    {
        double monotonic = Math.Round(Math.Clamp(Math.Max(percent, _current.Percent), 0, 100), 1);
        _current = new DownloadProgress(phase, monotonic, downloaded, total, speed, eta);
    }

    private double WeightedFraction()
    {
        long knownSizes = _parts.Where(p => p.Size is > 0).Sum(p => p.Size!.Value);
        bool weighBySize = _parts.All(p => p.Size is > 0) && knownSizes > 0;
        double sum = 0;
        for (int i = 0; i < _parts.Count; i++)
        {
            double weight = weighBySize ? (double)_parts[i].Size!.Value / knownSizes : 1.0 / _parts.Count;
            sum += weight * _partFractions.GetValueOrDefault(_parts[i].FormatId);
        }

        // Progress of a format yt-dlp chose differently from the plan still counts.
        double unplanned = _partFractions
            .Where(kv => _parts.All(p => p.FormatId != kv.Key))
            .Sum(kv => kv.Value / _parts.Count);
        return Math.Clamp(sum + unplanned, 0, 1);
    }

    // The sum over the parts of the size the site stated, or else the size (or estimate) yt-dlp
    // reports once it is at that part; unknown until every part has one of them.
    private long? ExpectedTotal(string currentKey, long? currentTotal)
    {
        long?[] sizes =
        [
            .. _parts.Select(p => p.Size is > 0 ? p.Size : _partTotals.TryGetValue(p.FormatId, out long t) ? t : null),
        ];
        if (sizes.All(size => size is not null))
        {
            return sizes.Sum();
        }

        return _parts.Count == 1 || currentKey == "default" ? currentTotal : null;
    }

    private string PartKey(string? formatId)
    {
        if (formatId is not null && _parts.Any(p => p.FormatId == formatId))
        {
            return formatId;
        }

        return _parts.Count == 1 ? _parts[0].FormatId : formatId ?? "default";
    }

    private static long? Int64(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number
            ? v.TryGetInt64(out long l) ? l : (long)v.GetDouble()
            : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
