using FunctionsDownloader.Errors;
using NCrontab;

namespace FunctionsDownloader.Housekeeping;

/// <summary>The six-field NCRONTAB schedule (with seconds) of the expiry sweep, as Functions timers read it.</summary>
public static class CleanupSchedule
{
    /// <summary>Parses <paramref name="expression"/>.</summary>
    /// <exception cref="InvalidOperationException">The expression is not a six-field NCRONTAB expression.</exception>
    public static CrontabSchedule Parse(string expression)
    {
        CrontabSchedule? schedule = CrontabSchedule.TryParse(
            expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return schedule ?? throw new InvalidOperationException(
            $"Downloader:CleanupSchedule '{expression}' is not a six-field NCRONTAB expression such as '0 */15 * * * *'.");
    }
}
