using FunctionsDownloader.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace FunctionsDownloader.Functions.Security;

/// <summary>
/// Runs Core's <see cref="RequestGate"/> before every HTTP function; the triggers themselves are
/// anonymous, so callers hold one secret (their API key), not a function key as well.
/// </summary>
public sealed class GateMiddleware(RequestGate gate) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        HttpContext? http = context.GetHttpContext();
        if (http is not null)
        {
            IResult? refusal = await gate.AdmitAsync(http);
            if (refusal is not null)
            {
                // The ASP.NET Core integration executes an IResult invocation result like a returned one.
                context.GetInvocationResult().Value = refusal;
                return;
            }
        }

        await next(context);
    }
}
