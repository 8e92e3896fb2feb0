using System.Text.RegularExpressions;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// The <c>subtitles</c> list: 1 to <see cref="MaxCount"/> distinct language codes as sites name them
/// (<c>en</c>, <c>pt-BR</c>, <c>zh-Hans</c>). yt-dlp reads each as a pattern, so only letters,
/// digits and inner hyphens are accepted, and never <c>all</c>.
/// </summary>
public static partial class SubtitleLanguages
{
    /// <summary>The most languages one download may ask for.</summary>
    public const int MaxCount = 10;

    /// <summary>
    /// The codes, empty when absent, or an <see cref="InvalidRequestException"/> naming <c>subtitles</c>.
    /// </summary>
    public static IReadOnlyList<string> Parse(IReadOnlyList<string?>? values)
    {
        if (values is null)
        {
            return [];
        }

        if (values.Count is 0 or > MaxCount)
        {
            throw Invalid($"'subtitles' must list 1 to {MaxCount} language codes, e.g. [\"en\", \"de\"].");
        }

        var codes = new List<string>(values.Count);
        foreach (string? value in values)
        {
            if (value is null || !Code().IsMatch(value) || value.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid("Each entry of 'subtitles' must be a language code such as \"en\" or \"pt-BR\".");
            }

            if (codes.Contains(value, StringComparer.OrdinalIgnoreCase))
            {
                throw Invalid($"'subtitles' lists \"{value}\" twice.");
            }

            codes.Add(value);
        }

        return codes;
    }

    private static InvalidRequestException Invalid(string message) => new("subtitles", message);

    [GeneratedRegex(@"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}
