using System.Globalization;
using System.Text.Json;

namespace FunctionsDownloader.Media;

/// <summary>
/// Lenient reads of the JSON the tools print: a missing property, or one of another type, is
/// <c>null</c> rather than an error, because yt-dlp's fields vary by site and version.
/// </summary>
internal static class JsonValues
{
    /// <summary>The string <paramref name="name"/>, or <c>null</c>.</summary>
    public static string? Str(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.String } v
            ? v.GetString()
            : null;

    /// <summary>The number <paramref name="name"/>, or <c>null</c>; numbers written as strings count too.</summary>
    public static double? Num(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out JsonElement v))
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetDouble();
        }

        return v.ValueKind == JsonValueKind.String &&
            double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) &&
            double.IsFinite(parsed)
                ? parsed
                : null;
    }

    /// <summary>The whole number <paramref name="name"/>, or <c>null</c>.</summary>
    public static long? Long(JsonElement e, string name) =>
        Num(e, name) is double d && d is >= long.MinValue and <= long.MaxValue ? (long)d : null;

    /// <summary>The whole number <paramref name="name"/> when it fits an <see cref="int"/>, or <c>null</c>.</summary>
    public static int? Int(JsonElement e, string name) =>
        Num(e, name) is double d && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    /// <summary>The boolean <paramref name="name"/>, or <c>null</c>.</summary>
    public static bool? Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) &&
        v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.GetBoolean()
            : null;

    /// <summary>The strings of the array <paramref name="name"/> (others skipped); empty when there is none.</summary>
    public static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.Array } v
            ? [.. v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!)]
            : [];

    /// <summary>The names in the object <paramref name="name"/> (a subtitles map); empty when there is none.</summary>
    public static IReadOnlyList<string> Keys(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.Object } v
            ? [.. v.EnumerateObject().Select(p => p.Name)]
            : [];

    /// <summary>The objects of the array <paramref name="name"/>; empty when there is none.</summary>
    public static IEnumerable<JsonElement> Objects(JsonElement e, string name) =>
        Property(e, name) is { ValueKind: JsonValueKind.Array } v
            ? v.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : [];

    private static JsonElement? Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out JsonElement v) ? v : null;
}
