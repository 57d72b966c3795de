def test_real_site_builds_strictly_without_warnings(real_build):
    assert real_build.returncode == 0, real_build.stderr
    assert "WARNING" not in real_build.stderr
