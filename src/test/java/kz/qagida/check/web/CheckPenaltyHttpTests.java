package kz.qagida.check.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import kz.qagida.system.TestKeys;

/** The contract's penalty shape, as another service receives it over HTTP. */
@SpringBootTest
@AutoConfigureMockMvc
class CheckPenaltyHttpTests {

    @Autowired
    MockMvc mvc;

    @Test
    void aLargeHotelsLateNotificationCarriesTheArt518FineInMrpAndTenge() throws Exception {
        mvc.perform(post("/api/v1/checks").header(TestKeys.HEADER, TestKeys.CHECKER).contentType(MediaType.APPLICATION_JSON).content("""
                {"asOf":"2024-03-10","person":{"citizenship":"DE"},"stays":[{"entry":"2024-03-01","exit":null}],
                 "host":{"kind":"LEGAL_ENTITY","size":"LARGE","notifiedOn":"2024-03-07"}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("VIOLATION"))
                .andExpect(jsonPath("$.conclusions[0].code").value("HOST_NOTIFICATION_LATE"))
                .andExpect(jsonPath("$.conclusions[0].subject").value("HOST"))
                .andExpect(jsonPath("$.conclusions[0].dueDate").value("2024-03-06"))
                .andExpect(jsonPath("$.conclusions[0].facts.notifiedOn").value("2024-03-07"))
                .andExpect(jsonPath("$.conclusions[0].penalty.kind").value("FINE"))
                .andExpect(jsonPath("$.conclusions[0].penalty.mrp").value(20))
                .andExpect(jsonPath("$.conclusions[0].penalty.tenge").value(73840))
                .andExpect(jsonPath("$.conclusions[0].penalty.mrpValue").value(3692))
                .andExpect(jsonPath("$.conclusions[0].penalty.alternatives").isEmpty())
                .andExpect(jsonPath("$.conclusions[0].penalty.article").value("518"))
                .andExpect(jsonPath("$.conclusions[0].penalty.part").value("1"))
                .andExpect(jsonPath("$.conclusions[0].rule.id").value("HO-3"))
                .andExpect(jsonPath("$.conclusions[0].rule.file").value("decision-tables/host/host-fines.drl.xlsx"));
    }
}
