[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dragline.Linux.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Dragline.Linux.IntegrationTests")]
