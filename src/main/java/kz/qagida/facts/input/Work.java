package kz.qagida.facts.input;

/** Whether the person works, and with a permit. A missing field is a "no". */
public record Work(Boolean employed, Boolean workPermit) {

    public Work {
        employed = Boolean.TRUE.equals(employed);
        workPermit = Boolean.TRUE.equals(workPermit);
    }
}
