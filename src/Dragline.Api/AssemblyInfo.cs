[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dragline.Api.Tests")]
