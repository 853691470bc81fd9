namespace Pilote.Tests;
