using ChatAi.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace ChatAi.Web.Security;

/// <summary>
/// The exception handler's first say: a request the framework itself found malformed (a form post without its
/// antiforgery token, an unreadable form or body) is the client's mistake and answers 400 with a sentence, instead
/// of being re-executed on <c>/Error</c>, which read the same form, threw again on its token and answered 500.
/// </summary>
internal sealed class BadRequestAnswers(ILogger<BadRequestAnswers> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var antiforgeryFailed = exception is AntiforgeryValidationException || exception.InnerException is AntiforgeryValidationException
            || context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false };
        var status = exception switch
        {
            _ when antiforgeryFailed => StatusCodes.Status400BadRequest,
            BadHttpRequestException bad => bad.StatusCode,
            _ => 0,
        };
        if (status is < 400 or >= 500 || context.Response.HasStarted) return false;
        logger.LogInformation("Refused a malformed request to {Path}: {Reason}", context.Request.Path, exception.Message);
        context.Response.Clear();
        context.Response.StatusCode = status;
        var message = antiforgeryFailed
            ? "The form was missing its security token, or it expired. Reload the page and try again."
            : "The request could not be read.";
        if (ApiPaths.IsApi(context.Request.Path)) await ApiErrors.WriteAsync(context, status, message);
        else await context.Response.WriteAsync(message, cancellationToken);
        return true;
    }
}
