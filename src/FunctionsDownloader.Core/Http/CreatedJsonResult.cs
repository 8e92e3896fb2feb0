using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FunctionsDownloader.Http;

/// <summary>
/// 201 with a <c>Location</c> header built from the request path and a snake_case JSON body.
/// Not <c>CreatedAtRoute</c>: the Functions host has no named routes.
/// </summary>
public sealed class CreatedJsonResult<T>(string location, T value) : IResult
{
    /// <summary>The URL of the created resource.</summary>
    public string Location { get; } = location;

    /// <summary>The body.</summary>
    public T Value { get; } = value;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        httpContext.Response.StatusCode = StatusCodes.Status201Created;
        httpContext.Response.Headers.Location = Location;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(httpContext.Response.Body, Value, ApiJson.Options, httpContext.RequestAborted);
    }
}
