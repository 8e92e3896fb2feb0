using System.Globalization;
using FunctionsDownloader.Errors;
using Microsoft.AspNetCore.Http;

namespace FunctionsDownloader.Http;

/// <summary>Reads query string parameters strictly: a bad value is a 400 naming the parameter.</summary>
public static class QueryParameters
{
    /// <summary>
    /// The whole number <paramref name="name"/> from <paramref name="min"/> to <paramref name="max"/>, or
    /// <paramref name="fallback"/> when the parameter is absent.
    /// </summary>
    /// <exception cref="InvalidRequestException">The value is not such a number, or is given twice.</exception>
    public static int WholeNumber(HttpRequest request, string name, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(request);

        string? raw = request.Query[name];
        if (raw is null)
        {
            return fallback;
        }

        bool valid = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int value) &&
            value >= min && value <= max;
        return valid
            ? value
            : throw new InvalidRequestException(name, $"'{name}' must be a whole number from {min} to {max}.");
    }
}
