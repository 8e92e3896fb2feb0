using System.Globalization;

namespace FunctionsDownloader.Extraction;

/// <summary>Upload dates as the API shows them: yt-dlp says <c>YYYYMMDD</c>, answers say <c>YYYY-MM-DD</c>.</summary>
public static class UploadDates
{
    /// <summary><paramref name="yyyymmdd"/> as <c>YYYY-MM-DD</c>, or <c>null</c> when it is not a date.</summary>
    public static string? ToIso(string? yyyymmdd) =>
        DateOnly.TryParseExact(
            yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
}
