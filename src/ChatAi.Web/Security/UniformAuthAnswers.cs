using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// An endpoint filter on Identity's <c>/api/auth</c> endpoints so that they do not tell whether an email has
/// an account. <c>/login</c> answers <c>LockedOut</c> for a locked account but <c>Failed</c> for an unknown
/// email: both become <c>Failed</c> (the UI's login page does the same). <c>/register</c> names duplicate
/// emails; when accounts must be confirmed by email, a duplicate is answered like a new registration (the
/// owner would get the mail), because the caller cannot tell either way until the link arrives. Without
/// confirmation, registering signs a new user straight in, so refusing a taken email reveals nothing that
/// the next sign-in would not; the sign-in rate limit bounds such probing.
/// </summary>
internal static class UniformAuthAnswers
{
    private const string LockedOut = "LockedOut";
    private static readonly string[] DuplicateCodes = ["DuplicateUserName", "DuplicateEmail"];

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized, ProblemDetails.Detail: LockedOut }:
                return TypedResults.Problem(nameof(SignInResult.Failed), statusCode: StatusCodes.Status401Unauthorized);
            case ValidationProblem problem when problem.ProblemDetails.Errors.Keys.Any(DuplicateCodes.Contains) && ConfirmationRequired(context):
                var rest = problem.ProblemDetails.Errors.Where(e => !DuplicateCodes.Contains(e.Key)).ToDictionary();
                return rest.Count == 0 ? TypedResults.Ok() : TypedResults.ValidationProblem(rest);
            default:
                return result;
        }
    }

    private static bool ConfirmationRequired(EndpointFilterInvocationContext context) =>
        context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.SignIn.RequireConfirmedAccount;
}
