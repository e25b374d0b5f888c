"""Live sessions' views: the teacher's projector (`teacher`) and the students' phones (`player`)."""
